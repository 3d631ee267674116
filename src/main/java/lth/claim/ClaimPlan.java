package lth.claim;

import lth.experiment.Arm;
import lth.experiment.Instability;
import lth.experiment.RunSpec;
import lth.experiment.Setup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Every run a claim's cases need under a profile, for the seeds selected, computed once: the IMP trunk to
 * the deepest level, and per comparison, side, level and seed the run that side compares (with the twin
 * and interpolation curve of an instability comparison). The engine trains {@link #runs()}; the analysis,
 * the case pages, the CSVs, the command line's plans and cost estimates read the same specs.
 * A claim its file defers to the nightly profile ({@code nightly_only}) plans no run at this scale.
 */
public final class ClaimPlan {
    private final ProfileClaim claim;
    private final List<Long> seeds;
    private final List<List<Long>> comparisonSeeds = new ArrayList<>();
    private final List<RunSpec> runs;
    private final Map<String, List<RunSpec>> sides = new HashMap<>();
    private final Map<String, Curve> curves = new java.util.LinkedHashMap<>();

    /**
     * One interpolation curve: the arm's run {@code a} and its {@code twin}, stored as the derived result
     * {@code name}. The line is evaluated on the arm's own setup (its overrides included), the one {@code a}
     * and its twin trained in.
     */
    public record Curve(String name, RunSpec a, RunSpec twin) {
        public Setup setup() { return a.setup(); }
    }

    private ClaimPlan(ProfileClaim claim, List<Long> seeds) {
        this.claim = claim;
        this.seeds = List.copyOf(seeds);
        LinkedHashSet<RunSpec> all = new LinkedHashSet<>();
        for (int ci = 0; ci < claim.comparisons().size(); ci++) comparisonSeeds.add(seedsOf(claim, ci, this.seeds));
        if (claim.scale().nightlyOnly() == null) {
            Setup base = claim.setup();
            // The whole IMP trunk up to the deepest level a seed's comparisons test is trained anyway; keeping
            // it gives the charts every level.
            for (long seed : seeds) {
                int deepest = -1;
                for (int ci = 0; ci < claim.comparisons().size(); ci++)
                    if (comparisonSeeds.get(ci).contains(seed))
                        for (int level : claim.levels(ci)) deepest = Math.max(deepest, level);
                for (int level = 0; level <= deepest; level += base.roundsPerLevel())
                    all.add(new RunSpec(base, seed, Arm.TICKET, level));
            }
            for (int ci = 0; ci < claim.comparisons().size(); ci++) {
                ClaimSpec.Comparison c = claim.comparison(ci);
                for (int level : claim.levels(ci))
                    for (long seed : comparisonSeeds.get(ci))
                        for (boolean sideA : List.of(true, false)) {
                            if (!(c.side(sideA) instanceof Side.Trained)) continue;
                            RunSpec s = claim.run(ci, sideA, level, seed);
                            sides.computeIfAbsent(key(ci, sideA, level), k -> new ArrayList<>()).add(s);
                            all.add(s);
                            if (c.metric() != Metric.INSTABILITY) continue;
                            RunSpec twin = twin(s);
                            all.add(twin);
                            if (sideA) curves.put(key(ci, true, level) + "/" + seed, new Curve(
                                    "lmc-" + s.hash() + "-" + twin.hash() + "-test-" + Instability.POINTS + ".txt", s, twin));
                        }
            }
        }
        sides.replaceAll((k, v) -> List.copyOf(v));
        this.runs = List.copyOf(all);
    }

    public static ClaimPlan of(ProfileClaim claim, List<Long> seeds) { return new ClaimPlan(claim, seeds); }

    /** With the seeds {@code -Dlth.seeds} selects ({@link SeedSelection}). */
    public static ClaimPlan of(ProfileClaim claim) { return of(claim, SeedSelection.of(claim.claim(), claim.scale())); }

    /**
     * The selected seeds a comparison uses: all of them, or, when the comparison names its own count for the
     * profile, those among its first that many confirmatory seeds (pilot seeds are never cut).
     */
    private static List<Long> seedsOf(ProfileClaim claim, int comparison, List<Long> selected) {
        java.util.OptionalInt n = claim.comparison(comparison).seeds(claim.profile());
        if (n.isEmpty()) return List.copyOf(selected);
        List<Long> confirmatory = claim.scale().confirmatorySeeds();
        List<Long> own = confirmatory.subList(0, Math.min(n.getAsInt(), confirmatory.size()));
        return selected.stream().filter(s -> !confirmatory.contains(s) || own.contains(s)).toList();
    }

    private static String key(int comparison, boolean sideA, int level) { return comparison + (sideA ? "a" : "b") + level; }

    /** The twin of a run: the same weights and mask, trained with another data order (linear mode connectivity). */
    public static RunSpec twin(RunSpec s) { return new RunSpec(s.setup(), s.seed(), Arm.TWIN, s.level()); }

    public ProfileClaim claim() { return claim; }

    /** Every selected seed (the union of the comparisons' seeds). */
    public List<Long> seeds() { return seeds; }

    /** The selected seeds one comparison uses, in order (fewer than {@link #seeds()} when its file gives it its own count). */
    public List<Long> seeds(int comparison) { return comparisonSeeds.get(comparison); }

    /** Every distinct run, in training order (the trunk first). */
    public List<RunSpec> runs() { return runs; }

    /** The runs one side of a comparison compares at a level, one per seed in seed order; empty for a threshold side. */
    public List<RunSpec> side(int comparison, boolean sideA, int level) {
        return sides.getOrDefault(key(comparison, sideA, level), List.of());
    }

    /** Every interpolation curve the instability comparisons need. */
    public List<Curve> curves() { return List.copyOf(curves.values()); }

    /** The curve of an instability comparison's arm at a level and seed. */
    public Curve curve(int comparison, int level, long seed) {
        Curve c = curves.get(key(comparison, true, level) + "/" + seed);
        if (c == null) throw new IllegalArgumentException("no interpolation curve planned for comparison " + comparison
                + " at level " + level + ", seed " + seed);
        return c;
    }
}
