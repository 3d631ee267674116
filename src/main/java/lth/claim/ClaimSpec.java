package lth.claim;

import lth.prune.Scope;
import lth.stats.Direction;
import lth.stats.Kind;
import lth.stats.PrimaryTest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A claim file: what the paper says (statement, source, reported numbers), the setup it was made
 * in, the comparisons that test it with their thresholds, and the scale of each profile.
 * {@code disclosure} (optional; by profile) states any change to the design made after seeing results,
 * e.g. seeds raised after a first look; the case page and the summary print it beside the verdict.
 */
public record ClaimSpec(Path file, String id, String title, String paper, String source, String statement,
                        List<Reported> reported, SetupSpec setup, List<Comparison> comparisons,
                        Statistics statistics, String justification, Map<String, ProfileSpec> profiles,
                        Map<String, String> disclosure) {

    /** An absolute number the paper reports (e.g. a dense accuracy), drawn on the charts beside ours. */
    public record Reported(String label, Side.Trained arm, Metric metric, double pm, double value) { }

    /** The architecture and method, common to all profiles. */
    public record SetupSpec(String name, String model, String optimizer, double lr, int batch, Scope scope,
                            double rateConv, double rateFc, double rateOutput, boolean augment) { }

    /**
     * Changes to the setup for one arm of a comparison (e.g. another LR, warmup, or pruning scope).
     * {@code warmup} is per profile (iterations differ by profile; a single number in the file applies
     * to every profile); null or absent means the profile's own warmup.
     */
    public record Overrides(Scope scope, Double lr, Map<String, Integer> warmup) {
        public static final Overrides NONE = new Overrides(null, null, null);

        public Integer warmup(String profile) { return warmup == null ? null : warmup.get(profile); }
    }

    /**
     * One comparison: arm {@code a} against side {@code b} (another arm, or a {@link Side.Threshold}) on a
     * metric, at the given levels (paper rounds) per profile, each arm with its setup overrides.
     * {@code seeds} (per profile, optional: absent means all of the profile's confirmatory seeds) is how
     * many of the profile's confirmatory seeds this comparison uses, the first ones: a comparison whose
     * pilot showed a small spread needs fewer seeds for the same power than its claim's other comparisons,
     * and its arms' runs are then trained for those seeds only. A pilot runs every pilot seed for every
     * comparison.
     */
    public record Comparison(String name, Side.Trained a, Side b, Metric metric, Direction direction, Kind kind,
                             boolean relative, double margin, double minEffect, double equivalenceBound,
                             Map<String, List<Integer>> levels, List<PaperEffect> paper,
                             Overrides aOverrides, Overrides bOverrides, Map<String, Integer> seeds) {
        public Comparison {
            seeds = seeds == null ? Map.of() : Map.copyOf(seeds);
        }

        public Side side(boolean sideA) { return sideA ? a : b; }

        /** How many of {@code profile}'s first confirmatory seeds this comparison uses; empty when all of them. */
        public java.util.OptionalInt seeds(String profile) {
            Integer n = seeds.get(profile);
            return n == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(n);
        }

        public Overrides overrides(boolean sideA) { return sideA ? aOverrides : bOverrides; }

        /** A one-sample comparison: arm a against a constant. */
        public boolean threshold() { return b instanceof Side.Threshold; }

        /** This comparison with every rewound arm rewinding to iteration {@code k} instead. */
        Comparison rewoundTo(int k) {
            return new Comparison(name, a.rewoundTo(k), b instanceof Side.Trained t ? t.rewoundTo(k) : b, metric, direction,
                    kind, relative, margin, minEffect, equivalenceBound, levels, paper, aOverrides, bOverrides, seeds);
        }
    }

    /**
     * The paper's own effect for a comparison, in the comparison's units and orientation (positive
     * supports the claim; a fraction when relative), drawn beside our per-seed effects.
     */
    public record PaperEffect(String label, double pm, double value) { }

    public record Statistics(PrimaryTest test, double alpha, double power) { }

    /**
     * The scale of a profile. {@code nightlyOnly} (set in the quick block) says why the claim cannot
     * be shown honestly at quick scale; its quick cases are then skipped with that reason. The
     * confirmatory seeds are {@code firstSeed}..{@code firstSeed + seeds - 1} ({@code first_seed}, default 1:
     * 1..{@code seeds}); {@code pilotSeeds} (disjoint from them) are the seeds of the pilot that sized them,
     * run with {@code -Dlth.seeds=pilot}. {@code testAtEsAndEnd} scores the
     * test set only where a metric reads it (the early-stop point and the end) instead of at every
     * evaluation: the same numbers for every metric, at a fraction of the cost. {@code setup} (null: the
     * claim's) is the setup at this scale when the file changes it, and {@code rewind} (0: as written)
     * the iteration every rewound arm ({@code ticket@k}) rewinds to at this scale; {@link #forProfile}
     * applies both.
     */
    public record ProfileSpec(String dataset, int iterations, int evalEvery, int roundsPerLevel, int seeds, long firstSeed,
                              double width, String nightlyOnly, String requires, int warmup, List<Integer> lrDrops,
                              List<Long> pilotSeeds, boolean testAtEsAndEnd, SetupSpec setup, int rewind) {
        /** The confirmatory seeds, in order: {@code firstSeed}, {@code firstSeed + 1}, ... ({@code seeds} of them). */
        public List<Long> confirmatorySeeds() {
            return java.util.stream.LongStream.range(firstSeed, firstSeed + seeds).boxed().toList();
        }

        /** "1..8", "101..126": the confirmatory seeds as a range. */
        public String confirmatoryRange() { return firstSeed + ".." + (firstSeed + seeds - 1); }
    }

    /**
     * The claim as run at {@code profile}: the profile's own setup and rewind point in place of the file's
     * (a claim whose profile changes neither is returned as is). Everything that plans, trains or reports
     * a profile's cases reads this view.
     */
    public ClaimSpec forProfile(String profile) {
        ProfileSpec p = profiles.get(profile);
        if (p == null || p.setup() == null && p.rewind() == 0) return this;
        List<Comparison> cs = p.rewind() == 0 ? comparisons
                : comparisons.stream().map(c -> c.rewoundTo(p.rewind())).toList();
        return new ClaimSpec(file, id, title, paper, source, statement, reported, p.setup() != null ? p.setup() : setup,
                cs, statistics, justification, profiles, disclosure);
    }

    /** The disclosure that concerns {@code profile}'s verdicts, "" when none. */
    public String disclosure(String profile) { return disclosure.getOrDefault(profile, ""); }

    /** Whether the claim file defines a scale for {@code profile} (the reduced block is optional). */
    public boolean has(String profile) { return profiles.containsKey(profile); }
}
