package lth.claim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code profiles:} block of a claim file: the scale of each profile (dataset, iterations, seeds,
 * width, schedule), and where a profile changes them, its own setup and rewind point.
 */
final class ProfileBlocks {
    private ProfileBlocks() { }

    static Map<String, ClaimSpec.ProfileSpec> parse(Node n, ClaimSpec.SetupSpec base) {
        n.only(Set.copyOf(ClaimFiles.PROFILES));
        Map<String, ClaimSpec.ProfileSpec> out = new LinkedHashMap<>();
        for (String p : ClaimFiles.PROFILES) {
            if (ClaimFiles.OPTIONAL_PROFILES.contains(p) && !n.has(p)) continue;
            Node b = n.object(p).only(Set.of("dataset", "iterations", "eval_every", "rounds_per_level", "seeds",
                    "width", "nightly_only", "requires", "warmup", "lr_drops", "pilot_seeds", "first_seed", "test_eval", "setup", "rewind", "train_images"));
            String nightlyOnly = b.has("nightly_only") ? b.text("nightly_only") : null;
            if (nightlyOnly != null && p.equals("nightly"))
                throw b.error("nightly_only", "only the quick block can defer a claim to the nightly profile");
            int iterations = b.integer("iterations", 1, 10_000_000);
            int seeds = b.integer("seeds", 2, 100);
            // first_seed: the confirmatory seeds are first_seed..first_seed+seeds-1 (default 1), so a pilot run on
            // 1..N (e.g. the quick profile's first 8-seed runs) can be followed by fresh confirmatory seeds
            int first = b.integer("first_seed", 1, 1_000_000, 1);
            List<Integer> pilot = b.has("pilot_seeds") ? b.integers("pilot_seeds", 1, 1_000_000) : List.of();
            for (int s : pilot)
                if (s >= first && s < first + seeds)
                    throw b.error("pilot_seeds", "pilot seed " + s + " is also a confirmatory seed (" + first + ".."
                            + (first + seeds - 1) + "): a pilot's seeds are never reused");
            if (pilot.size() != new java.util.HashSet<>(pilot).size())
                throw b.error("pilot_seeds", "a seed is listed twice: " + pilot);
            // train_images: N trains on a stratified N-example part of the dataset's training split (DataCatalog)
            String dataset = b.oneOf("dataset", null, ClaimFiles.DATASETS);
            if (b.has("train_images")) dataset = lth.data.DataCatalog.subsetId(dataset, b.integer("train_images", 100, 10_000_000));
            out.put(p, new ClaimSpec.ProfileSpec(
                    dataset, iterations,
                    b.integer("eval_every", 1, iterations), b.integer("rounds_per_level", 1, 10, 1),
                    seeds, first, b.number("width", 0.01, 4, 1.0), nightlyOnly,
                    b.has("requires") ? b.oneOf("requires", null, Set.of("gpu")) : null,
                    b.integer("warmup", 0, iterations, 0),
                    b.has("lr_drops") ? List.copyOf(b.integers("lr_drops", 1, iterations)) : List.of(),
                    pilot.stream().map(Integer::longValue).toList(),
                    b.oneOf("test_eval", "every", Set.of("every", "es_and_end")).equals("es_and_end"),
                    b.has("setup") ? setupPatch(b.object("setup"), base) : null,
                    b.has("rewind") ? b.integer("rewind", 1, iterations - 1) : 0));
        }
        return out;
    }

    /**
     * A profile's {@code setup:} block: the fields it names replace the claim's setup at that scale (e.g. the
     * reduced tier tests STAB-1 on the paper's VGG-19 case, sharing LTH-10's trunk, where the nightly runs ResNet).
     */
    private static ClaimSpec.SetupSpec setupPatch(Node n, ClaimSpec.SetupSpec s) {
        n.only(Set.of("name", "model", "optimizer", "lr", "batch", "scope", "rates", "augment"));
        if (!n.has("name"))
            throw n.error("name", "missing (required): a profile that changes the setup names it, so its reports say which setup they show");
        Node r = n.has("rates") ? n.object("rates").only(Set.of("conv", "fc", "output")) : null;
        return new ClaimSpec.SetupSpec(n.text("name"), n.has("model") ? n.oneOf("model", null, ClaimFiles.knownModels()) : s.model(),
                n.has("optimizer") ? n.oneOf("optimizer", null, Set.of("adam", "sgd")) : s.optimizer(),
                n.has("lr") ? n.number("lr", 1e-7, 10) : s.lr(), n.has("batch") ? n.integer("batch", 1, 100_000) : s.batch(),
                n.has("scope") ? n.choice("scope", null, lth.prune.Scope.values(), lth.prune.Scope::label) : s.scope(),
                r == null ? s.rateConv() : r.number("conv", 0, 0.99, 0), r == null ? s.rateFc() : r.number("fc", 0, 0.99, 0),
                r == null ? s.rateOutput() : r.number("output", 0, 0.99, 0),
                n.has("augment") ? n.bool("augment", false) : s.augment());
    }
}
