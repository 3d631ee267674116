package lth.evaluation;

import lth.claim.ClaimPlan;
import lth.claim.ClaimSpec;
import lth.claim.Metric;
import lth.claim.Side;
import lth.experiment.Instability;
import lth.experiment.Outcome;
import lth.experiment.RunSpec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a claim's runs measured, read through its plan: the outcome of every planned run (found by its
 * run key) and the interpolation curves by their derived-store names.
 */
public record Measurements(ClaimPlan plan, List<Outcome> outcomes, Map<String, double[]> curves) {
    public Measurements {
        outcomes = List.copyOf(outcomes);
        curves = Map.copyOf(curves);
    }

    /**
     * Per-seed values of one side of a comparison at a level, in seed order (its overrides and rewinding
     * included): the run metric, the instability along each seed's curve, or the threshold per seed.
     * Diverged runs count as not learning ({@link lth.train.RunMetrics#metric(String, int)}).
     */
    public double[] side(int comparison, boolean sideA, int level) {
        ClaimSpec.Comparison c = plan.claim().comparison(comparison);
        if (c.side(sideA) instanceof Side.Threshold t) return plan.seeds(comparison).stream().mapToDouble(s -> t.value()).toArray();
        if (c.metric() == Metric.INSTABILITY)
            return plan.seeds(comparison).stream().mapToDouble(s -> Instability.of(curve(comparison, level, s))).toArray();
        return runs(comparison, sideA, level).stream().mapToDouble(o -> metric(o, c.metric())).toArray();
    }

    /**
     * Fraction of one side's runs (not diverged) whose early stop is their last evaluation: the run never
     * reached its validation minimum within the iterations. NaN for a threshold or an instability side.
     */
    public double cappedFraction(int comparison, boolean sideA, int level) {
        ClaimSpec.Comparison c = plan.claim().comparison(comparison);
        if (c.side(sideA) instanceof Side.Threshold || c.metric() == Metric.INSTABILITY) return Double.NaN;
        List<Outcome> os = runs(comparison, sideA, level);
        return os.isEmpty() ? Double.NaN : os.stream().filter(Measurements::capped).count() / (double) os.size();
    }

    public static boolean capped(Outcome o) {
        int[] its = o.metrics().evalIterations();
        return !o.metrics().diverged() && its.length > 0 && o.metrics().esIteration() == its[its.length - 1];
    }

    static double metric(Outcome o, Metric m) {
        return o.metrics().metric(m.label(), o.spec().setup().train().iterations());
    }

    /** The outcomes of the runs one side compares at a level, in seed order. */
    public List<Outcome> runs(int comparison, boolean sideA, int level) {
        Map<String, Outcome> byKey = new HashMap<>();
        for (Outcome o : outcomes) byKey.put(o.hash(), o);
        return plan.side(comparison, sideA, level).stream().map(spec -> {
            Outcome o = byKey.get(spec.hash());
            if (o == null)
                throw new IllegalStateException("no run of " + spec.describe() + " for " + plan.claim().comparison(comparison).name());
            return o;
        }).toList();
    }

    /** The test error along the line between an instability arm's run and its twin. */
    public double[] curve(int comparison, int level, long seed) {
        return curves.get(plan.curve(comparison, level, seed).name());
    }

    /** A run of the claim's base setup, reset to θ0 (not an overridden or rewound arm). */
    public boolean isBase(Outcome o) {
        return o.spec().rewind() == 0 && o.spec().setup().canonical().equals(plan.claim().setup().canonical());
    }

    /**
     * Per-seed values of a run metric for an arm of the claim's base setup at a level, in seed order (the
     * charts' series), over the seeds the plan has that run for.
     */
    public double[] values(Side.Trained arm, int level, Metric metric) {
        int lv = arm.dense() ? 0 : level;
        String label = arm.dense() ? "ticket" : arm.arm().label();
        int iterations = plan.claim().setup().train().iterations();
        java.util.Set<Long> planned = new java.util.HashSet<>();
        for (RunSpec s : plan.runs())
            if (s.arm().label().equals(label) && s.level() == lv && s.rewind() == 0
                    && s.setup().canonical().equals(plan.claim().setup().canonical())) planned.add(s.seed());
        return plan.seeds().stream().filter(planned::contains).mapToDouble(seed -> outcomes.stream()
                .filter(o -> o.spec().seed() == seed && o.spec().arm().label().equals(label) && o.spec().level() == lv && isBase(o))
                .findFirst().orElseThrow(() -> new IllegalStateException("no run of " + arm.label() + " level " + lv + " seed " + seed))
                .metrics().metric(metric.label(), iterations)).toArray();
    }
}
