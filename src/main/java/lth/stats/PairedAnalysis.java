package lth.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Paired analysis of a claim's family of comparisons (one per pruning level), seeds as pairs.
 * See {@link Hypothesis} for the tests; Holm controls the family-wise false-positive rate at alpha.
 */
public final class PairedAnalysis {
    /** sd below this fraction of the data's scale is float noise: the differences are treated as all equal. */
    private static final double DEGENERATE_SD = 1e-12;
    private static final TTest T_TEST = new TTest();

    private PairedAnalysis() {}

    /** Everything about one pair except what needs the whole family (Holm, verdict). */
    private record Stats(String label, int n, double meanA, double meanB, double meanDiff, double sdDiff,
                         double ciLow, double ciHigh, double dz, double pT, double pW, double pPrimary,
                         double power) {}

    public static List<PairedResult> family(List<Pair> pairs, Hypothesis h) {
        if (pairs == null || h == null) throw new IllegalArgumentException("pairs and hypothesis must not be null");
        int m = pairs.size();
        // Power at alpha/m, the strictest Holm step: a negative is only called if it holds in the worst case.
        double powerAlpha = h.alpha() / Math.max(1, m);
        List<Stats> stats = new ArrayList<>(m);
        for (Pair pair : pairs) stats.add(analyse(pair, h, powerAlpha));
        double[] p = stats.stream().mapToDouble(Stats::pPrimary).toArray();
        double[] adjusted = Holm.adjust(p);
        List<PairedResult> out = new ArrayList<>(m);
        for (int i = 0; i < m; i++) out.add(decide(stats.get(i), adjusted[i], h, m));
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
            if (h.relative() && b[i] == 0)
                throw new IllegalArgumentException("pair '" + label + "': relative difference needs b != 0 (seed index " + i + ")");
            d[i] = sign * (h.relative() ? (a[i] - b[i]) / b[i] : a[i] - b[i]);
        }
        double meanA = n == 0 ? Double.NaN : StatUtils.mean(a);
        double meanB = n == 0 ? Double.NaN : StatUtils.mean(b);
        double mean = n == 0 ? Double.NaN : StatUtils.mean(d);
        if (n < 2) return new Stats(label, n, meanA, meanB, mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, 0.0);

        double sd = Math.sqrt(StatUtils.variance(d, mean));
        double scale = Math.abs(h.kind() == Kind.SUPERIORITY ? h.margin() : h.equivalenceBound());
        for (double v : d) scale = Math.max(scale, Math.abs(v));
        boolean degenerate = sd <= DEGENERATE_SD * scale;
        if (degenerate) sd = 0;
        TDistribution t = Power.t(n - 1);
        double half = Power.tQuantile(n - 1, 1 - h.alpha()) * sd / Math.sqrt(n);
        double dz = mean / sd; // +-Infinity (or NaN for mean 0) when sd = 0: honest, callers format it

        double pT, pW, pPrimary, power;
        if (h.kind() == Kind.SUPERIORITY) {
            double[] beyond = shifted(d, -h.margin(), scale);
            pT = degenerate ? (mean > h.margin() ? 0.0 : 1.0) : upper(t, T_TEST.t(h.margin(), d));
            pW = SignedRank.pGreater(beyond);
            pPrimary = h.primary() == PrimaryTest.WILCOXON ? pW : pT;
            double effect = degenerate ? Double.POSITIVE_INFINITY : (h.minEffect() - h.margin()) / sd;
            power = Power.oneSided(h.primary(), n, effect, powerAlpha);
        } else {
            double bound = h.equivalenceBound();
            double pLow = degenerate ? (mean > -bound ? 0.0 : 1.0) : upper(t, T_TEST.t(-bound, d));
            double pUp = degenerate ? (mean < bound ? 0.0 : 1.0) : upper(t, -T_TEST.t(bound, d));
            pT = Math.max(pLow, pUp);
            pW = Math.max(SignedRank.pGreater(shifted(d, bound, scale)), SignedRank.pLess(shifted(d, -bound, scale)));
            pPrimary = pT; // TOST is defined on the paired t, whatever h.primary() says
            power = degenerate ? 1.0 : Power.tost(n, bound / sd, powerAlpha);
        }
        return new Stats(label, n, meanA, meanB, mean, sd, mean - half, mean + half, dz, pT, pW, pPrimary, power);
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

    private static PairedResult decide(Stats s, double pAdj, Hypothesis h, int m) {
        Verdict verdict;
        String why;
        String ci = String.format(Locale.ROOT, "%.0f%% CI %s..%s", 100 * (1 - 2 * h.alpha()), num(s.ciLow()), num(s.ciHigh()));
        String unit = h.relative() ? " (relative)" : "";
        if (s.n() < 2) {
            verdict = Verdict.INCONCLUSIVE;
            why = "n=" + s.n() + " seed(s): at least 2 paired seeds are needed for a test";
            return result(s, pAdj, verdict, why);
        }
        String head = String.format(Locale.ROOT, "n=%d: mean %s%s (%s)", s.n(), num(s.meanDiff()), unit, ci);
        if (h.kind() == Kind.SUPERIORITY) {
            String test = h.primary() == PrimaryTest.WILCOXON ? "signed-rank" : "paired t";
            String ps = String.format(Locale.ROOT, "%s p=%s (Holm %s, m=%d)", test, pv(s.pPrimary()), pv(pAdj), m);
            String pow = String.format(Locale.ROOT, "power %.2f at minEffect %s", s.power(), num(h.minEffect()));
            if (pAdj < h.alpha() && s.meanDiff() >= h.margin()) {
                verdict = Verdict.REPRODUCED;
                why = String.format(Locale.ROOT, "%s, %s < %s vs margin %s", head, ps, pv(h.alpha()), num(h.margin()));
            } else if (s.power() >= h.powerTarget()) {
                verdict = Verdict.NOT_REPRODUCED;
                why = String.format(Locale.ROOT, "%s, %s not < %s vs margin %s although %s >= %.2f",
                        head, ps, pv(h.alpha()), num(h.margin()), pow, h.powerTarget());
            } else {
                verdict = Verdict.INCONCLUSIVE;
                why = String.format(Locale.ROOT, "%s, %s not < %s vs margin %s, but %s < %.2f: too few seeds to call a negative",
                        head, ps, pv(h.alpha()), num(h.margin()), pow, h.powerTarget());
            }
        } else {
            double bound = h.equivalenceBound();
            String ps = String.format(Locale.ROOT, "TOST p=%s (Holm %s, m=%d) for bounds +-%s",
                    pv(s.pPrimary()), pv(pAdj), m, num(bound).substring(1));
            String pow = String.format(Locale.ROOT, "TOST power %.2f at true difference 0", s.power());
            boolean outside = s.ciLow() > bound || s.ciHigh() < -bound;
            if (pAdj < h.alpha()) {
                verdict = Verdict.REPRODUCED;
                why = String.format(Locale.ROOT, "%s, %s < %s: equivalent", head, ps, pv(h.alpha()));
            } else if (outside) {
                verdict = Verdict.NOT_REPRODUCED;
                why = String.format(Locale.ROOT, "%s, %s: the CI lies outside the bounds, a real difference", head, ps);
            } else if (s.power() >= h.powerTarget()) {
                verdict = Verdict.NOT_REPRODUCED;
                why = String.format(Locale.ROOT, "%s, %s not < %s although %s >= %.2f", head, ps, pv(h.alpha()), pow, h.powerTarget());
            } else {
                verdict = Verdict.INCONCLUSIVE;
                why = String.format(Locale.ROOT, "%s, %s not < %s, but %s < %.2f: too few seeds to call a difference",
                        head, ps, pv(h.alpha()), pow, h.powerTarget());
            }
        }
        return result(s, pAdj, verdict, why);
    }

    private static PairedResult result(Stats s, double pAdj, Verdict v, String why) {
        return new PairedResult(s.label(), s.n(), s.meanA(), s.meanB(), s.meanDiff(), s.sdDiff(), s.ciLow(),
                s.ciHigh(), s.dz(), s.pT(), s.pW(), s.pPrimary(), pAdj, s.power(), v, why);
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, "%+.4g", x);
    }

    private static String pv(double p) {
        return p < 1e-4 && p > 0 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3g", p);
    }
}
