package lth.claim;

import lth.experiment.Outcome;
import lth.experiment.Setup;
import lth.stats.PairedResult;

import java.util.List;
import java.util.Map;

/**
 * A claim evaluated under a profile: the outcomes of every run it needed and one statistical result
 * per case. {@code skipReason} is set instead when the claim could not run here (data, hardware,
 * or a claim deferred to the nightly profile), and the cases are then skipped with that reason.
 */
public record ClaimResult(ClaimSpec claim, String profile, Setup setup, String data, List<Long> seeds,
                          List<Outcome> outcomes, Map<String, double[]> curves, Map<String, PairedResult> byCase,
                          double seconds, long trained, long fromStore, String skipReason) {

    /** Key of the test error along the line between an arm's run and its twin, per level and seed. */
    static String curveKey(String arm, int level, long seed) { return arm + "/" + level + "/" + seed; }

    public double[] curve(String arm, int level, long seed) { return curves.get(curveKey(arm, level, seed)); }

    static String key(int comparison, int level) { return comparison + "@" + level; }

    public PairedResult result(ClaimCase c) { return byCase.get(key(c.comparison(), c.level())); }

    /** A run of the claim's base setup, reset to θ0 (not an overridden or rewound arm). */
    public boolean isBase(Outcome o) {
        return o.spec().rewind() == 0 && o.spec().setup().canonical().equals(setup.canonical());
    }

    /** Per-seed values of one side of a comparison at a level, in seed order (its overrides and rewinding included).
     * Diverged runs count as not learning ({@link lth.train.RunMetrics#metric(String, int)}). */
    public double[] side(ClaimSpec.Comparison c, boolean a, int level) {
        String arm = a ? c.a() : c.b();
        if (arm.equals(ClaimFiles.THRESHOLD) || c.metric().equals(ClaimFiles.INSTABILITY)) return values(arm, level, c.metric());
        return runs(c, a, level).stream().mapToDouble(o -> metric(o, c.metric())).toArray();
    }

    /**
     * Fraction of one side's runs (not diverged) whose early stop is their last evaluation: the run never
     * reached its validation minimum within the iterations. NaN for a threshold or an instability side.
     */
    public double cappedFraction(ClaimSpec.Comparison c, boolean a, int level) {
        String arm = a ? c.a() : c.b();
        if (arm.equals(ClaimFiles.THRESHOLD) || c.metric().equals(ClaimFiles.INSTABILITY)) return Double.NaN;
        List<Outcome> os = runs(c, a, level);
        return os.isEmpty() ? Double.NaN : os.stream().filter(ClaimResult::capped).count() / (double) os.size();
    }

    static boolean capped(Outcome o) {
        int[] its = o.metrics().evalIterations();
        return !o.metrics().diverged() && its.length > 0 && o.metrics().esIteration() == its[its.length - 1];
    }

    private static double metric(Outcome o, String name) {
        return o.metrics().metric(name, o.spec().setup().train().iterations());
    }

    private List<Outcome> runs(ClaimSpec.Comparison c, boolean a, int level) {
        Map<String, Outcome> byHash = new java.util.HashMap<>();
        for (Outcome o : outcomes) byHash.put(o.hash(), o);
        return seeds.stream().map(seed -> {
            var spec = Setups.spec(claim, profile, c, a, level, seed);
            Outcome o = byHash.get(spec.hash());
            if (o == null) throw new IllegalStateException("no run of " + spec.describe() + " for " + c.name());
            return o;
        }).toList();
    }

    /** Per-seed values of a metric for an arm of the claim's base setup at a level, in seed order. */
    public double[] values(String arm, int level, String metric) {
        if (arm.equals(ClaimFiles.THRESHOLD)) {
            ClaimSpec.Comparison c = claim.comparisons().stream().filter(x -> x.b().equals(ClaimFiles.THRESHOLD)
                    && x.metric().equals(metric)).findFirst().orElseThrow();
            return seeds.stream().mapToDouble(s -> c.threshold()).toArray();
        }
        if (metric.equals(ClaimFiles.INSTABILITY))
            return seeds.stream().mapToDouble(s -> lth.experiment.Instability.of(curve(arm, level, s))).toArray();
        int lv = arm.equals("dense") ? 0 : level;
        String a = arm.equals("dense") ? "ticket" : arm;
        return seeds.stream().mapToDouble(seed -> outcomes.stream()
                .filter(o -> o.spec().seed() == seed && o.spec().arm().label().equals(a) && o.spec().level() == lv && isBase(o))
                .findFirst().orElseThrow(() -> new IllegalStateException("no run of " + arm + " level " + lv + " seed " + seed))
                .metrics().metric(metric, setup.train().iterations())).toArray();
    }
}
