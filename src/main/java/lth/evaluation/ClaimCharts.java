package lth.evaluation;

import lth.claim.ClaimCase;
import lth.claim.ClaimSpec;
import lth.claim.Metric;
import lth.claim.Side;
import lth.experiment.Instability;
import lth.experiment.Outcome;
import lth.report.CasePage.Attachment;
import lth.report.Charts;

import java.util.*;

/** The charts of a case page: the comparison's effect against Pm, each base arm's metrics against Pm, and the LMC curves. */
final class ClaimCharts {
    private ClaimCharts() { }

    /** This comparison's per-seed effect (positive supports the claim) at each level, with the paper's own effects. */
    static Attachment effect(ClaimCase c, ClaimResult r) {
        ClaimSpec.Comparison cmp = c.spec();
        List<Integer> levels = r.claim().levels(c.comparison());
        double[] pm = new double[levels.size()];
        double[][] perSeed = new double[levels.size()][];
        for (int i = 0; i < levels.size(); i++) {
            pm[i] = r.claim().pm(levels.get(i));
            perSeed[i] = effects(cmp, r.measured().side(c.comparison(), true, levels.get(i)),
                    r.measured().side(c.comparison(), false, levels.get(i)));
        }
        String unit = cmp.relative() ? "relative change of " + cmp.metric() : cmp.metric() + " difference";
        String title = c.claim().id() + ": " + cmp.a() + " vs " + cmp.b() + " (" + unit + ", positive supports the claim)";
        List<Charts.PaperPoint> paper = cmp.paper().stream()
                .map(p -> new Charts.PaperPoint("paper: " + p.label(), p.pm(), p.value())).toList();
        return Attachment.png(title, Charts.metricVsPm(title, unit,
                List.of(new Charts.ArmSeries("measured effect", pm, perSeed)), paper, true));
    }

    /** Oriented per-seed effects, as the statistics test them: positive supports the claim. */
    static double[] effects(ClaimSpec.Comparison cmp, double[] a, double[] b) {
        double sign = cmp.direction().sign();
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = sign * (cmp.relative() ? (a[i] - b[i]) / b[i] : a[i] - b[i]);
        return d;
    }

    /** Test accuracy and early stop against Pm for every arm of the base setup (the ticket arm includes the dense net at 100%). */
    static List<Attachment> metrics(ClaimCase c, ClaimResult r) {
        Set<Side.Trained> arms = new LinkedHashSet<>();
        // The base setup's arms; rewound or overridden arms appear in the effect chart of their comparison.
        for (ClaimSpec.Comparison cmp : r.claim().comparisons())
            for (boolean sideA : List.of(true, false))
                if (cmp.overrides(sideA).equals(ClaimSpec.Overrides.NONE) && cmp.side(sideA) instanceof Side.Trained t
                        && t.rewind() == 0 && !t.dense()) arms.add(t);
        List<Attachment> out = new ArrayList<>();
        for (Metric metric : List.of(Metric.TEST_ACCURACY_AT_ES, Metric.ES_ITERATION)) {
            List<Charts.ArmSeries> series = new ArrayList<>();
            for (Side.Trained arm : arms) series.add(series(r, arm, metric));
            boolean comparable = metric != Metric.ES_ITERATION || c.profile().equals("nightly");
            List<Charts.PaperPoint> paper = comparable ? r.claim().claim().reported().stream()
                    .filter(p -> p.metric() == metric)
                    .map(p -> new Charts.PaperPoint("paper: " + p.label(), p.pm(), p.value())).toList() : List.of();
            String title = c.claim().id() + ": " + (metric == Metric.ES_ITERATION ? "early-stop iteration" : "test accuracy at early stop")
                    + " vs Pm (" + r.data().split(" ")[0] + ", " + c.profile() + ")";
            out.add(Attachment.png(title, Charts.metricVsPm(title,
                    metric == Metric.ES_ITERATION ? "early-stop iteration" : "test accuracy (%)", series, paper, true)));
        }
        return out;
    }

    /** One arm over every level it was run at. */
    private static Charts.ArmSeries series(ClaimResult r, Side.Trained arm, Metric metric) {
        TreeMap<Integer, Double> pmByLevel = new TreeMap<>();
        for (Outcome o : r.outcomes())
            if (o.spec().arm() == arm.arm() && r.measured().isBase(o)) pmByLevel.put(o.spec().level(), o.metrics().pmPercent());
        double[] pm = new double[pmByLevel.size()];
        double[][] perSeed = new double[pmByLevel.size()][];
        int i = 0;
        for (var e : pmByLevel.entrySet()) {
            pm[i] = e.getValue();
            perSeed[i++] = r.measured().values(arm, e.getKey(), metric);
        }
        return new Charts.ArmSeries(arm.label(), pm, perSeed);
    }

    /** Test error along α·w1 + (1-α)·w2 for each seed of an instability case. */
    static Attachment interpolation(ClaimCase c, ClaimResult r) {
        Map<String, double[][]> xy = new LinkedHashMap<>();
        for (long seed : r.seeds(c.comparison())) {
            double[] e = r.measured().curve(c.comparison(), c.level(), seed);
            double[] alpha = new double[e.length];
            for (int i = 0; i < e.length; i++) alpha[i] = i / (double) (e.length - 1);
            xy.put("seed " + seed, new double[][]{alpha, e});
        }
        String title = c.claim().id() + ": test error along α·w1 + (1-α)·w2, " + c.spec().a() + " at Pm %.1f%%".formatted(c.pm());
        return Attachment.png(title, Charts.curve(title, "α", "test error (%)", xy));
    }

    /** The interpolation step's name. */
    static String interpolationStep() {
        return "interpolate: test error at %d points of α·w1 + (1-α)·w2".formatted(Instability.POINTS);
    }
}
