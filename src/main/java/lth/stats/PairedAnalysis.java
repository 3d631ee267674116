package lth.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Paired analysis of a claim's family of comparisons (one per pruning level), seeds as pairs, with three
 * outcomes decided by tests (never by power), each with Holm across the family at alpha:
 * <ul>
 * <li>SUPERIORITY: REPRODUCED when the one-sided primary test against the margin is significant;
 *     NOT_REPRODUCED when the data reject an effect as large as minEffect: the paired-t test of
 *     H0': diff &gt;= minEffect rejects, i.e. the one-sided upper confidence bound at the comparison's Holm step
 *     level (alpha/(m-j) for the j-th smallest refutation p, 0-based) lies below minEffect;
 *     INCONCLUSIVE otherwise.</li>
 * <li>EQUIVALENCE: REPRODUCED when TOST shows |diff| &lt; bound; NOT_REPRODUCED when the data reject
 *     equivalence: the one-sided bound at the Holm step level lies entirely beyond +bound or -bound;
 *     INCONCLUSIVE otherwise.</li>
 * </ul>
 * Before these: fewer than 2 seeds, an early-stop comparison with more than {@link Hypothesis#MAX_CAPPED} of an
 * arm's runs stopped at the last evaluation, and zero spread across seeds are INCONCLUSIVE with that reason.
 * Power is computed (from {@link Hypothesis#plannedSd} when given, else the observed sd; at alpha/m) and shown only.
 * Relative comparisons are tested on the per-seed log ratio; results are converted back to relative differences.
 */
public final class PairedAnalysis {
    /** sd below this fraction of the data's scale is float noise: the differences are treated as all equal. */
    private static final double DEGENERATE_SD = 1e-12;
    private static final TTest T_TEST = new TTest();

    private PairedAnalysis() {}

    /** Everything about one pair except what needs the whole family (Holm, verdict); on the test scale. */
    record Stats(Pair pair, int n, double meanA, double meanB, double meanDiff, double sdDiff,
                 double ciLow, double ciHigh, double dz, double pT, double pW, double pPrimary,
                 double pRefute, double power, boolean degenerate) {
        String label() { return pair.label(); }
    }

    public static List<PairedResult> family(List<Pair> pairs, Hypothesis h) {
        if (pairs == null || h == null) throw new IllegalArgumentException("pairs and hypothesis must not be null");
        int m = pairs.size();
        double powerAlpha = h.alpha() / Math.max(1, m); // power at the strictest Holm step: displayed, not a rule
        List<Stats> stats = new ArrayList<>(m);
        for (Pair pair : pairs) stats.add(analyse(pair, h, powerAlpha));
        // A level with no spread can decide nothing: it stays in the family (m) but never lends Holm a rejection.
        double[] p = stats.stream().mapToDouble(s -> s.degenerate() ? 1.0 : s.pPrimary()).toArray();
        double[] refute = stats.stream().mapToDouble(s -> s.degenerate() ? 1.0 : s.pRefute()).toArray();
        double[] adjusted = Holm.adjust(p), refuteAdjusted = Holm.adjust(refute);
        double[] refuteLevel = stepLevels(refute, h.alpha());
        List<PairedResult> out = new ArrayList<>(m);
        for (int i = 0; i < m; i++)
            out.add(Verdicts.decide(stats.get(i), adjusted[i], refuteAdjusted[i], refuteLevel[i], h, m));
        return out;
    }

    /** Holm's per-comparison level: alpha/(m-j) for the comparison with the j-th smallest p (0-based). */
    static double[] stepLevels(double[] p, double alpha) {
        int m = p.length;
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            int smaller = 0;
            for (int j = 0; j < m; j++) if (p[j] < p[i] || (p[j] == p[i] && j < i)) smaller++;
            out[i] = alpha / (m - smaller);
        }
        return out;
    }

    private static Stats analyse(Pair pair, Hypothesis h, double powerAlpha) {
        if (pair == null) throw new IllegalArgumentException("null pair");
        String label = pair.label();
        double[] a = pair.a(), b = pair.b();
        if (a == null || b == null) throw new IllegalArgumentException("pair '" + label + "': a and b must not be null");
        if (a.length != b.length)
            throw new IllegalArgumentException("pair '" + label + "': a has " + a.length + " seeds, b has " + b.length);
        int n = a.length;
        double[] d = new double[n];
        double sign = h.direction().sign();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(a[i]) || !Double.isFinite(b[i]))
                throw new IllegalArgumentException("pair '" + label + "': non-finite value at seed index " + i
                        + " (a=" + a[i] + ", b=" + b[i] + "); convert diverged runs to chance-level numbers first");
            if (h.relative() && !(a[i] > 0 && b[i] > 0))
                throw new IllegalArgumentException("pair '" + label + "': a relative (log-ratio) difference needs a > 0"
                        + " and b > 0 (seed index " + i + ": a=" + a[i] + ", b=" + b[i] + ")");
            d[i] = sign * (h.relative() ? Math.log(a[i] / b[i]) : a[i] - b[i]);
        }
        double meanA = n == 0 ? Double.NaN : StatUtils.mean(a);
        double meanB = n == 0 ? Double.NaN : StatUtils.mean(b);
        double mean = n == 0 ? Double.NaN : StatUtils.mean(d);
        if (n < 2) return new Stats(pair, n, meanA, meanB, mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.0, false);

        double margin = h.toScale(h.margin()), effect = h.toScale(h.minEffect());
        double bound = Math.abs(h.toScale(h.equivalenceBound()));
        double sd = Math.sqrt(StatUtils.variance(d, mean));
        double scale = Math.max(Math.abs(h.kind() == Kind.SUPERIORITY ? margin : bound), Math.abs(effect));
        for (double v : d) scale = Math.max(scale, Math.abs(v));
        boolean degenerate = sd <= DEGENERATE_SD * scale;
        if (degenerate) sd = 0;
        TDistribution t = Power.t(n - 1);
        double se = sd / Math.sqrt(n);
        double half = Power.tQuantile(n - 1, 1 - h.alpha()) * se;
        double dz = mean / sd; // +-Infinity (or NaN for mean 0) when sd = 0: honest, callers format it
        double powerSd = Double.isNaN(h.plannedSd()) ? sd : h.plannedSd(); // stated on the test (log-ratio) scale

        double pT, pW, pPrimary, pRefute, power;
        if (h.kind() == Kind.SUPERIORITY) {
            pT = degenerate ? (mean > margin ? 0.0 : 1.0) : upper(t, (mean - margin) / se);
            pW = SignedRank.pGreater(shifted(d, -margin, scale));
            pPrimary = h.primary() == PrimaryTest.WILCOXON ? pW : pT;
            pRefute = degenerate ? 1.0 : upper(t, (effect - mean) / se); // H0': true diff >= minEffect
            power = powerSd > 0 ? Power.oneSided(h.primary(), n, (effect - margin) / powerSd, powerAlpha) : Double.NaN;
        } else {
            double pLow = degenerate ? (mean > -bound ? 0.0 : 1.0) : upper(t, T_TEST.t(-bound, d));
            double pUp = degenerate ? (mean < bound ? 0.0 : 1.0) : upper(t, -T_TEST.t(bound, d));
            pT = Math.max(pLow, pUp);
            pW = Math.max(SignedRank.pGreater(shifted(d, bound, scale)), SignedRank.pLess(shifted(d, -bound, scale)));
            pPrimary = pT; // TOST is defined on the paired t, whatever h.primary() says
            // Equivalence rejected: diff > +bound (lower bound above it) or diff < -bound (upper bound below it).
            pRefute = degenerate ? 1.0 : Math.min(upper(t, (mean - bound) / se), upper(t, (-bound - mean) / se));
            power = powerSd > 0 ? Power.tost(n, bound / powerSd, powerAlpha) : Double.NaN;
        }
        return new Stats(pair, n, meanA, meanB, mean, sd, mean - half, mean + half, dz, pT, pW, pPrimary, pRefute,
                power, degenerate);
    }

    /** d + shift, with float-noise results snapped to exactly 0 so the signed-rank test drops them. */
    private static double[] shifted(double[] d, double shift, double scale) {
        double[] out = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            double v = d[i] + shift;
            out[i] = Math.abs(v) <= DEGENERATE_SD * scale ? 0.0 : v;
        }
        return out;
    }

    /** Upper-tail probability, computed through the lower tail of -t for precision at tiny p. */
    private static double upper(TDistribution t, double stat) {
        return t.cumulativeProbability(-stat);
    }
}
