package lth.claim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import lth.experiment.Arm;
import lth.model.Architectures;
import lth.prune.Scope;
import lth.stats.Direction;
import lth.stats.Kind;
import lth.stats.PrimaryTest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.*;

/** Reads and validates {@code claims/*.yaml}. Every problem is one {@link ClaimFileException}. */
public final class ClaimFiles {
    private ClaimFiles() { }

    /** The profiles, smallest scale first. {@code reduced} is optional in a claim file (see {@link #OPTIONAL_PROFILES}). */
    public static final List<String> PROFILES = List.of("quick", "reduced", "nightly");
    /** Profiles a claim file may leave out: the claim then has no case at that scale and says so when run. */
    public static final Set<String> OPTIONAL_PROFILES = Set.of("reduced");
    public static final Set<String> DATASETS = Set.of("mnist-10k", "mnist", "fashion-mnist", "cifar10", "imagenet");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The claims directory: {@code -Dlth.claims}, default {@code claims}. */
    public static Path directory() { return Path.of(System.getProperty("lth.claims", "claims")); }

    /** Every claim file of {@code dir}, or the first file's error ({@link ClaimDirectory} loads them one by one). */
    public static Map<String, ClaimSpec> loadAll(Path dir) { return ClaimDirectory.scan(dir).strict(); }

    public static ClaimSpec load(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ClaimFileException(file, null, "not valid YAML"
                    + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ClaimFileException(file, null, "cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull())
            throw new ClaimFileException(file, null, "is empty");
        return parse(new Node(file, "", root), file);
    }

    private static ClaimSpec parse(Node n, Path file) {
        n.only(Set.of("id", "title", "paper", "source", "statement", "reported", "setup", "comparisons",
                "statistics", "justification", "profiles", "disclosure"));
        String id = n.text("id");
        if (!id.matches("[A-Z]+-[0-9]+")) throw n.error("id", "'" + id + "' is not of the form LTH-3");
        ClaimSpec.SetupSpec setup = setup(n.object("setup"));
        Map<String, ClaimSpec.ProfileSpec> profiles = ProfileBlocks.parse(n.object("profiles"), setup);
        List<ClaimSpec.Comparison> comparisons = new ArrayList<>();
        for (Node c : n.list("comparisons")) comparisons.add(comparison(c, profiles));
        List<ClaimSpec.Reported> reported = new ArrayList<>();
        if (n.has("reported")) for (Node r : n.list("reported")) reported.add(reported(r));
        Map<String, ClaimSpec.ProfileSpec> ps = profiles;
        return ClaimChecks.checkEveryProfile(new ClaimSpec(file, id, n.text("title"), n.text("paper"), n.text("source"), n.text("statement"),
                List.copyOf(reported), setup, List.copyOf(comparisons), statistics(n.object("statistics")),
                n.text("justification"), Map.copyOf(ps), disclosure(n, ps.keySet())));
    }

    /** {@code disclosure:} text for every profile of the file, or {@code {quick: text, ...}} per profile; absent: none. */
    private static Map<String, String> disclosure(Node n, Set<String> profiles) {
        Map<String, String> out = new TreeMap<>();
        if (n.isObject("disclosure")) {
            Node d = n.object("disclosure").only(profiles);
            for (String p : profiles) if (d.has(p)) out.put(p, d.text(p));
        } else if (n.has("disclosure")) for (String p : profiles) out.put(p, n.text("disclosure"));
        return Map.copyOf(out);
    }

    static Set<String> knownModels() {
        Set<String> m = new java.util.HashSet<>(Architectures.KNOWN);
        m.addAll(Architectures.PLANNED.keySet());
        return Set.copyOf(m);
    }

    private static ClaimSpec.SetupSpec setup(Node n) {
        n.only(Set.of("name", "model", "optimizer", "lr", "batch", "scope", "rates", "augment"));
        Node r = n.object("rates").only(Set.of("conv", "fc", "output"));
        return new ClaimSpec.SetupSpec(n.text("name"), n.oneOf("model", null, knownModels()),
                n.oneOf("optimizer", null, Set.of("adam", "sgd")), n.number("lr", 1e-7, 10),
                n.integer("batch", 1, 100_000), n.choice("scope", Scope.LAYERWISE, Scope.values(), Scope::label),
                r.number("conv", 0, 0.99, 0), r.number("fc", 0, 0.99, 0), r.number("output", 0, 0.99, 0),
                n.bool("augment", false));
    }

    private static ClaimSpec.Comparison comparison(Node n, Map<String, ClaimSpec.ProfileSpec> profiles) {
        n.only(Set.of("name", "a", "b", "metric", "direction", "kind", "relative", "margin", "min_effect",
                "equivalence_bound", "levels", "paper", "threshold",
                "overrides", "a_overrides", "b_overrides", "seeds"));
        Kind kind = n.choice("kind", Kind.SUPERIORITY, Kind.values(), Kind::label);
        Metric metric = n.choice("metric", null, Metric.values(), Metric::label);
        Side.Trained a = arm(n, "a");
        // A threshold comparison tests arm a against a constant (one-sample), e.g. instability < 2pp.
        boolean threshold = n.has("threshold");
        if (threshold && n.has("b")) throw n.error("b", "a comparison has either an arm b or a threshold, not both");
        Side b = threshold ? new Side.Threshold(n.number("threshold", -1e9, 1e9)) : arm(n, "b");
        if (metric == Metric.INSTABILITY && !threshold) throw n.error("threshold", "missing (required for metric instability)");
        Node lv = n.object("levels").only(Set.copyOf(PROFILES));
        Map<String, List<Integer>> levels = new LinkedHashMap<>();
        for (String p : PROFILES) {
            if (!profiles.containsKey(p)) {
                if (lv.has(p)) throw lv.error(p, "the claim file has no " + p + " block in profiles, so no levels at that scale");
                continue;
            }
            if (!lv.has(p)) throw lv.error(p, "missing (required): the pruning levels of the " + p + " profile");
            List<Integer> ls = lv.integers(p, 0, 200);
            if (ls.isEmpty())
                throw lv.error(p, "is empty: every comparison needs at least one pruning level in the " + p
                        + " profile, or the claim would pass without comparing anything");
            if (ls.contains(0) && !(unpruned(a) && (threshold || unpruned((Side.Trained) b))))
                throw lv.error(p, "level 0 (the dense network) only fits comparisons of dense/ticket/twin arms");
            int rpl = profiles.get(p).roundsPerLevel();
            for (int l : ls)
                if (l % rpl != 0) throw lv.error(p, "level " + l + " is not a multiple of the profile's rounds_per_level " + rpl);
            levels.put(p, List.copyOf(ls));
        }
        boolean sup = kind == Kind.SUPERIORITY;
        if (n.has("overrides") && (n.has("a_overrides") || n.has("b_overrides")))
            throw n.error("overrides", "use either overrides (both arms) or a_overrides/b_overrides");
        ClaimSpec.Overrides both = overrides(n, "overrides", profiles);
        ClaimSpec.Overrides ao = n.has("a_overrides") ? overrides(n, "a_overrides", profiles) : both;
        ClaimSpec.Overrides bo = n.has("b_overrides") ? overrides(n, "b_overrides", profiles) : both;
        if (a.equals(b) && ao.equals(bo)) throw n.error("b", "compares arm '" + a.label() + "' with itself (same arm, same setup)");
        List<ClaimSpec.PaperEffect> paper = new ArrayList<>();
        if (n.has("paper")) for (Node e : n.list("paper")) {
            e.only(Set.of("label", "pm", "value"));
            paper.add(new ClaimSpec.PaperEffect(e.text("label"), e.number("pm", 0, 100), e.number("value", -1e9, 1e9)));
        }
        return new ClaimSpec.Comparison(n.text("name"), a, b, metric,
                n.choice("direction", null, Direction.values(), Direction::label), kind, n.bool("relative", false),
                n.number("margin", -1e6, 1e6, 0), sup ? n.number("min_effect", 1e-9, 1e6) : 0,
                sup ? 0 : n.number("equivalence_bound", 1e-9, 1e6), Map.copyOf(levels), List.copyOf(paper), ao, bo,
                seeds(n, profiles));
    }

    /**
     * A comparison's own seed counts per profile ({@code seeds: {reduced: 5}}): the first that many of the
     * profile's confirmatory seeds, at least 2 (a paired test needs two) and at most the profile's own count.
     */
    private static Map<String, Integer> seeds(Node n, Map<String, ClaimSpec.ProfileSpec> profiles) {
        if (!n.has("seeds")) return Map.of();
        Node sn = n.object("seeds").only(Set.copyOf(PROFILES));
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String p : PROFILES) {
            if (!sn.has(p)) continue;
            if (!profiles.containsKey(p)) throw sn.error(p, "the claim file has no " + p + " block in profiles, so no seeds at that scale");
            int all = profiles.get(p).seeds();
            if (all < 2) throw sn.error(p, "the " + p + " profile has " + all + " seed(s); a comparison cannot use fewer than 2");
            out.put(p, sn.integer(p, 2, all));
        }
        return out;
    }

    /** An arm whose level 0 is the dense net: dense, the ticket reset to θ0, the twin (not a rewound ticket). */
    private static boolean unpruned(Side.Trained arm) {
        return arm.rewind() == 0 && (arm.arm() == Arm.DENSE || arm.arm() == Arm.TICKET || arm.arm() == Arm.TWIN);
    }

    private static ClaimSpec.Overrides overrides(Node n, String field, Map<String, ClaimSpec.ProfileSpec> profiles) {
        if (!n.has(field)) return ClaimSpec.Overrides.NONE;
        Node o = n.object(field).only(Set.of("scope", "lr", "warmup"));
        Map<String, Integer> warmup = null;
        if (o.has("warmup")) {
            warmup = new LinkedHashMap<>();
            if (o.isObject("warmup")) {        // per profile: {quick: 60, reduced: 89, nightly: 10000}
                Node w = o.object("warmup").only(Set.copyOf(PROFILES));
                for (String p : profiles.keySet()) {
                    if (!w.has(p)) throw w.error(p, "missing: a per-profile warmup needs a value for every profile of the file");
                    warmup.put(p, w.integer(p, 0, profiles.get(p).iterations()));
                }
            } else {
                int all = o.integer("warmup", 0, 10_000_000);
                for (String p : profiles.keySet()) {
                    if (all > profiles.get(p).iterations())
                        throw o.error("warmup", all + " is longer than the " + p + " profile's " + profiles.get(p).iterations()
                                + " iterations; give it per profile: {quick: .., reduced: .., nightly: ..}");
                    warmup.put(p, all);
                }
            }
            warmup = Map.copyOf(warmup);
        }
        return new ClaimSpec.Overrides(o.has("scope") ? o.choice("scope", null, Scope.values(), Scope::label) : null,
                o.has("lr") ? o.number("lr", 1e-7, 10) : null, warmup);
    }

    /** An arm, optionally rewound: {@code ticket@500} resets survivors to θ_500 instead of θ0 (only the ticket). */
    private static Side.Trained arm(Node n, String field) {
        try {
            return Side.Trained.parse(n.text(field));
        } catch (IllegalArgumentException e) {
            throw n.error(field, e.getMessage());
        }
    }

    private static ClaimSpec.Statistics statistics(Node n) {
        n.only(Set.of("test", "alpha", "power"));
        return new ClaimSpec.Statistics(n.choice("test", null, PrimaryTest.values(), PrimaryTest::label),
                n.number("alpha", 0.001, 0.2), n.number("power", 0.5, 0.99));
    }

    private static ClaimSpec.Reported reported(Node n) {
        n.only(Set.of("label", "arm", "metric", "pm", "value"));
        Metric metric = n.choice("metric", null, Metric.values(), Metric::label);
        if (!metric.ofRun()) throw n.error("metric", "'" + metric.label() + "' is not a metric of one run; a reported number is one of "
                + Arrays.stream(Metric.values()).filter(Metric::ofRun).map(Metric::label).toList());
        return new ClaimSpec.Reported(n.text("label"), arm(n, "arm"), metric, n.number("pm", 0, 100), n.number("value", -1e9, 1e9));
    }
}
