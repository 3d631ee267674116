package lth.stats;

import java.util.Locale;

/**
 * The verdict of one comparison from its statistics and the family's Holm-adjusted p-values (see
 * {@link PairedAnalysis} for the rule), with an explanation that names the rule that decided.
 */
final class Verdicts {
    static final String NO_SPREAD = "no spread across seeds (all pairs equal): not evidence";
    static final String NOT_CONVERGED = "early stop not reached at this scale";

    private Verdicts() {}

    static PairedResult decide(PairedAnalysis.Stats s, double pAdj, double refuteAdj, double refuteLevel,
                               Hypothesis h, int m) {
        if (s.n() < 2)
            return result(s, h, pAdj, refuteAdj, Verdict.INCONCLUSIVE,
                    "n=" + s.n() + " seed(s): at least 2 paired seeds are needed for a test");
        String unit = h.relative() ? Hypothesis.RELATIVE_UNIT : "";
        String head = f("n=%d: mean %s%s (%.0f%% CI %s..%s)%s", s.n(), num(h.fromScale(s.meanDiff())), unit,
                100 * (1 - 2 * h.alpha()), num(h.fromScale(s.ciLow())), num(h.fromScale(s.ciHigh())), capped(s.pair()));
        double worst = Math.max(nanToZero(s.pair().cappedA()), nanToZero(s.pair().cappedB()));
        if (h.earlyStop() && worst > Hypothesis.MAX_CAPPED)
            return result(s, h, pAdj, refuteAdj, Verdict.INCONCLUSIVE, f("%s: INCONCLUSIVE, %s (more than %.0f%% of an"
                    + " arm's runs early-stopped at the last evaluation)", head, NOT_CONVERGED, 100 * Hypothesis.MAX_CAPPED));
        if (s.degenerate())
            return result(s, h, pAdj, refuteAdj, Verdict.INCONCLUSIVE, head + ": INCONCLUSIVE, " + NO_SPREAD);
        double q = Power.tQuantile(s.n() - 1, 1 - refuteLevel), se = s.sdDiff() / Math.sqrt(s.n());
        double lo = h.fromScale(s.meanDiff() - q * se), hi = h.fromScale(s.meanDiff() + q * se);
        String level = m == 1 ? f("at level %s", pv(refuteLevel)) : f("at Holm step level %s", pv(refuteLevel));
        String refuted = f("refutation p=%s, Holm %s", pv(s.pRefute()), pv(refuteAdj));
        String sd = Double.isNaN(h.plannedSd()) ? "the observed sd" : "the planned sd " + num(h.plannedSd()).substring(1);
        Verdict v;
        String why;
        if (h.kind() == Kind.SUPERIORITY) {
            String test = h.primary() == PrimaryTest.WILCOXON ? "signed-rank" : "paired t";
            String ps = f("%s p=%s (Holm %s, m=%d) vs margin %s", test, pv(s.pPrimary()), pv(pAdj), m, num(h.margin()));
            String claimed = num(h.minEffect());
            if (pAdj < h.alpha() && s.meanDiff() >= h.toScale(h.margin())) {
                v = Verdict.REPRODUCED;
                why = f("REPRODUCED, the one-sided test against the margin is significant (Holm p %s < %s)",
                        pv(pAdj), pv(h.alpha()));
                if (refuteAdj < h.alpha()) why += f("; the effect is smaller than the claimed %s (upper bound %s %s)",
                        claimed, num(hi), level);
            } else if (refuteAdj < h.alpha()) {
                v = Verdict.NOT_REPRODUCED;
                why = f("NOT REPRODUCED, the data reject an effect as large as the claimed %s: the one-sided upper bound"
                        + " %s %s is below it (%s < %s)", claimed, num(hi), level, refuted, pv(h.alpha()));
            } else {
                v = Verdict.INCONCLUSIVE;
                why = hi >= h.minEffect()
                        ? f("INCONCLUSIVE, neither significant nor excluded: the upper bound %s %s is above the claimed"
                                + " effect %s (%s)", num(hi), level, claimed, refuted)
                        : f("INCONCLUSIVE, neither significant nor excluded: Holm's step-down stops before this level"
                                + " (upper bound %s %s, below the claimed %s, but %s)", num(hi), level, claimed, refuted);
            }
            String pow = f("power %.2f at min_effect %s with %s at alpha/m (shown, not a rule)", s.power(), claimed, sd);
            return result(s, h, pAdj, refuteAdj, v, f("%s, %s: %s; %s", head, ps, why, pow));
        }
        String bound = num(h.equivalenceBound()).substring(1);
        String ps = f("TOST p=%s (Holm %s, m=%d) for bounds +-%s", pv(s.pPrimary()), pv(pAdj), m, bound);
        String ci = f("the one-sided bounds %s..%s %s", num(lo), num(hi), level);
        if (pAdj < h.alpha()) {
            v = Verdict.REPRODUCED;
            why = f("REPRODUCED, equivalent: TOST shows the difference within +-%s (Holm p %s < %s)", bound, pv(pAdj), pv(h.alpha()));
        } else if (refuteAdj < h.alpha()) {
            v = Verdict.NOT_REPRODUCED;
            why = f("NOT REPRODUCED, the data reject equivalence: %s lie entirely outside +-%s (%s < %s)",
                    ci, bound, refuted, pv(h.alpha()));
        } else {
            v = Verdict.INCONCLUSIVE;
            why = f("INCONCLUSIVE, neither equivalent nor excluded: %s reach inside +-%s (%s)", ci, bound, refuted);
        }
        String pow = f("TOST power %.2f at true difference 0 with %s at alpha/m (shown, not a rule)", s.power(), sd);
        return result(s, h, pAdj, refuteAdj, v, f("%s, %s: %s; %s", head, ps, why, pow));
    }

    /** "; early-stopped at the last evaluation: a 20%, b 0% of runs" when known. */
    private static String capped(Pair p) {
        if (Double.isNaN(p.cappedA()) && Double.isNaN(p.cappedB())) return "";
        return f("; runs early-stopped at the last evaluation: a %s, b %s", pct(p.cappedA()), pct(p.cappedB()));
    }

    private static String pct(double x) {
        return Double.isNaN(x) ? "n/a" : f("%.0f%%", 100 * x);
    }

    private static double nanToZero(double x) {
        return Double.isNaN(x) ? 0 : x;
    }

    private static PairedResult result(PairedAnalysis.Stats s, Hypothesis h, double pAdj, double refuteAdj, Verdict v,
                                       String why) {
        return new PairedResult(s.label(), s.n(), s.meanA(), s.meanB(), h.fromScale(s.meanDiff()), s.sdDiff(),
                h.fromScale(s.ciLow()), h.fromScale(s.ciHigh()), s.dz(), s.pT(), s.pW(), s.pPrimary(), pAdj, s.power(),
                v, why, s.pRefute(), refuteAdj);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static String num(double x) {
        return f("%+.4g", x);
    }

    static String pv(double p) {
        return p < 1e-4 && p > 0 ? f("%.1e", p) : f("%.3g", p);
    }
}
