package lth.claim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dry run of the nightly profile ({@code -Dlth.dryRun=true}; {@code scripts/nightly-dry-run}): every claim's
 * nightly block scaled down so that the whole night runs end to end on a CPU in minutes, through the nightly
 * profile's own code paths (planning, IMP trunks, controls, rewinding, checkpoints, statistics, report), to
 * catch a configuration error before a GPU night does. Nothing it measures is a result: the claim's title,
 * its nightly disclosure, the case's profile parameter ({@code nightly DRY RUN}), the console lines and the
 * verdict table all say DRY RUN. Without the property nothing changes.
 *
 * <p>Scaled ({@code -Dlth.dryRun.*}): iterations per run (warmup, LR drops and rewind points in proportion,
 * at least iteration 1), evaluations per run, seeds, width (a factor on the profile's), levels (each
 * comparison's first {@code levels}, tested at IMP rounds 1, 2, ... so the trunks stay short; a level 0
 * stays 0) and the largest batch. A {@code requires: gpu} is dropped: the dry run is the CPU stand-in.
 */
public final class DryRun {
    private DryRun() { }

    public static final String PROPERTY = "lth.dryRun";
    static final String PROFILE = "nightly";

    /** How far the nightly is scaled down. */
    record Scale(int iterations, int evals, int seeds, double width, int levels, int batch) {
        Scale {
            if (iterations < 4 || evals < 1 || evals > iterations || seeds < 2 || !(width > 0) || levels < 1 || batch < 1)
                throw new IllegalArgumentException("-D" + PROPERTY + ".*: a dry run needs iterations >= 4, 1 <= evals <= iterations,"
                        + " seeds >= 2 (a paired test), width > 0, levels >= 1, batch >= 1; got " + this);
        }

        static Scale fromProperties() {
            return new Scale(integer("iterations", 8), integer("evals", 2), integer("seeds", 2),
                    Double.parseDouble(System.getProperty(PROPERTY + ".width", "0.0625").strip()), integer("levels", 1), integer("batch", 16));
        }

        private static int integer(String name, int dflt) {
            String v = System.getProperty(PROPERTY + "." + name, String.valueOf(dflt)).strip();
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + PROPERTY + "." + name + "=" + v + " is not a whole number");
            }
        }

        String describe() {
            return "%d iterations, %d evaluation(s), %d seeds, width x%s, %d level(s) per comparison at IMP rounds 1.., batch <= %d"
                    .formatted(iterations, evals, seeds, width, levels, batch);
        }
    }

    public static boolean on() { return Boolean.parseBoolean(System.getProperty(PROPERTY, "false").strip()); }

    /** The profile's name as outputs show it: {@code nightly DRY RUN} in a dry run. */
    public static String label(String profile) { return on() && PROFILE.equals(profile) ? profile + " DRY RUN" : profile; }

    /** A claim id as console lines show it: {@code LTH-3 DRY RUN} in a dry run. */
    public static String tag(String id) { return on() ? id + " DRY RUN" : id; }

    /** The claim as a dry run runs it (see the class comment); the claim itself when no dry run is asked for. */
    public static ClaimSpec apply(ClaimSpec c) { return on() && c.has(PROFILE) ? scale(c, Scale.fromProperties()) : c; }

    static ClaimSpec scale(ClaimSpec c, Scale s) {
        ClaimSpec.ProfileSpec p = c.profiles().get(PROFILE);
        double f = (double) s.iterations() / p.iterations();
        List<ClaimSpec.Comparison> comparisons = new ArrayList<>();
        for (ClaimSpec.Comparison cmp : c.comparisons()) {
            Map<String, List<Integer>> levels = new LinkedHashMap<>(cmp.levels());
            levels.put(PROFILE, levels(cmp.levels().get(PROFILE), s.levels(), p.roundsPerLevel()));
            comparisons.add(new ClaimSpec.Comparison(cmp.name(), arm(cmp.a(), f, s),
                    cmp.b() instanceof Side.Trained b ? arm(b, f, s) : cmp.b(), cmp.metric(), cmp.direction(),
                    cmp.kind(), cmp.relative(), cmp.margin(), cmp.minEffect(), cmp.equivalenceBound(), levels, cmp.paper(),
                    overrides(cmp.aOverrides(), f, s), overrides(cmp.bOverrides(), f, s), withoutNightly(cmp.seeds())));
        }
        List<Integer> drops = new ArrayList<>();
        for (int d : p.lrDrops()) {
            int at = Math.max(point(d, f, s), drops.isEmpty() ? 1 : drops.get(drops.size() - 1) + 1);
            if (at < s.iterations()) drops.add(at);
        }
        ClaimSpec.ProfileSpec scaled = new ClaimSpec.ProfileSpec(p.dataset(), s.iterations(), Math.max(1, s.iterations() / s.evals()),
                p.roundsPerLevel(), s.seeds(), 1, p.width() * s.width(), null, null, p.warmup() == 0 ? 0 : point(p.warmup(), f, s),
                List.copyOf(drops), List.of(), p.testAtEsAndEnd(), p.setup() == null ? null : batch(p.setup(), s),
                p.rewind() == 0 ? 0 : point(p.rewind(), f, s));
        Map<String, ClaimSpec.ProfileSpec> profiles = new LinkedHashMap<>(c.profiles());
        profiles.put(PROFILE, scaled);
        Map<String, String> disclosure = new LinkedHashMap<>(c.disclosure());
        disclosure.put(PROFILE, "DRY RUN, NOT A RESULT: the nightly scaled down to " + s.describe()
                + ", on the data -Dlth.data.* names (scripts/nightly-dry-run: generated fixtures in the real formats)"
                + (p.requires() == null ? "" : ", on a CPU although the nightly requires a " + p.requires())
                + ". It checks that the night runs end to end, nothing about the claim."
                + (c.disclosure(PROFILE).isEmpty() ? "" : " " + c.disclosure(PROFILE)));
        return new ClaimSpec(c.file(), c.id(), "DRY RUN: " + c.title(), c.paper(), c.source(), c.statement(), c.reported(),
                batch(c.setup(), s), comparisons, c.statistics(), c.justification(), profiles, disclosure);
    }

    /** An iteration of the nightly schedule (warmup end, LR drop, rewind point) at the dry run's scale: 1 .. iterations-1. */
    private static int point(int iteration, double f, Scale s) {
        return (int) Math.max(1, Math.min(s.iterations() - 1, Math.round(iteration * f)));
    }

    /** {@code ticket@k} rewinds to the scaled k; other arms as they are. */
    private static Side.Trained arm(Side.Trained arm, double f, Scale s) {
        return arm.rewind() == 0 ? arm : new Side.Trained(arm.arm(), point(arm.rewind(), f, s));
    }

    /** The first {@code keep} levels, renumbered to IMP rounds 1, 2, ... ({@code rpl} paper rounds apart); 0 stays 0. */
    static List<Integer> levels(List<Integer> nightly, int keep, int rpl) {
        List<Integer> out = new ArrayList<>();
        int round = 0;
        for (int level : nightly.subList(0, Math.min(keep, nightly.size())))
            out.add(level == 0 ? 0 : ++round * rpl);
        return out;
    }

    /** A comparison's own seed counts without the nightly's: a dry run sets its own seeds for every comparison. */
    private static Map<String, Integer> withoutNightly(Map<String, Integer> seeds) {
        Map<String, Integer> out = new LinkedHashMap<>(seeds);
        out.remove(PROFILE);
        return out;
    }

    private static ClaimSpec.Overrides overrides(ClaimSpec.Overrides o, double f, Scale s) {
        Integer w = o.warmup(PROFILE);
        if (w == null) return o;
        Map<String, Integer> warmup = new LinkedHashMap<>(o.warmup());
        warmup.put(PROFILE, w == 0 ? 0 : point(w, f, s));
        return new ClaimSpec.Overrides(o.scope(), o.lr(), warmup);
    }

    private static ClaimSpec.SetupSpec batch(ClaimSpec.SetupSpec u, Scale s) {
        return new ClaimSpec.SetupSpec(u.name(), u.model(), u.optimizer(), u.lr(), Math.min(u.batch(), s.batch()), u.scope(),
                u.rateConv(), u.rateFc(), u.rateOutput(), u.augment());
    }
}
