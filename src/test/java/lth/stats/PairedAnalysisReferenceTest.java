package lth.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every number of a {@link PairedResult} against an independent computation in SciPy 1.17 (scipy.stats.t.sf/ppf,
 * scipy.stats.nct.sf, Holm by hand, and the exact signed-rank p by brute force over all 2^n sign flips of the
 * mid-ranks), for a non-zero margin, a two-level family and both equivalence outcomes; and the degenerate
 * (no spread) rules at their boundaries.
 */
class PairedAnalysisReferenceTest {
    private static final double EPS = 1e-9;

    private static Hypothesis superiority(double margin, double minEffect, PrimaryTest primary) {
        return new Hypothesis(Kind.SUPERIORITY, Direction.GREATER, false, margin, minEffect, 0, 0.05, 0.8, primary);
    }

    private static final List<Pair> FAMILY = List.of(
            new Pair("L1", new double[] {0.95, 0.97, 0.96, 0.99, 0.94, 0.98}, new double[] {0.93, 0.94, 0.95, 0.95, 0.93, 0.94}),
            new Pair("L2", new double[] {0.90, 0.91, 0.92, 0.90, 0.89, 0.93}, new double[] {0.90, 0.90, 0.91, 0.91, 0.90, 0.90}));

    @Test
    void superiorityAgainstAMarginMatchesScipy() {
        List<PairedResult> r = PairedAnalysis.family(FAMILY, superiority(0.01, 0.03, PrimaryTest.PAIRED_T));
        PairedResult l1 = r.get(0), l2 = r.get(1);
        assertThat(l1.label()).isEqualTo("L1");
        assertThat(l1.n()).isEqualTo(6);
        assertThat(l1.meanA()).isCloseTo(0.965, within(EPS));
        assertThat(l1.meanB()).isCloseTo(0.94, within(EPS));
        assertThat(l1.meanDiff()).isCloseTo(0.025, within(EPS));
        assertThat(l1.sdDiff()).isCloseTo(0.013784048752090265, within(EPS));
        assertThat(l1.ciLow()).isCloseTo(0.013660689395545988, within(EPS));
        assertThat(l1.ciHigh()).isCloseTo(0.03633931060445398, within(EPS));
        assertThat(l1.cohenDz()).isCloseTo(1.8136906252750222, within(EPS));
        assertThat(l1.pTTest()).isCloseTo(0.022292411754899724, within(EPS));
        assertThat(l1.pPrimary()).isEqualTo(l1.pTTest());
        // d - margin has two float-noise zeros (0.96-0.95-0.01): dropped, so 4 positive values, p = 1/16
        assertThat(l1.pWilcoxon()).isCloseTo(0.0625, within(EPS));
        assertThat(l1.pRefute()).isCloseTo(0.2074771350398969, within(EPS));
        // power at dz = (minEffect - margin)/sd, alpha/m = 0.025: nct.sf(t.ppf(0.975, 5), 5, dz sqrt(6))
        assertThat(l1.power()).isCloseTo(0.8085013652130848, within(1e-6));
        assertThat(l1.pAdjusted()).isCloseTo(0.04458482350979945, within(EPS));
        assertThat(l1.pRefuteAdjusted()).isCloseTo(0.2074771350398969, within(EPS));
        assertThat(l1.verdict()).isEqualTo(Verdict.REPRODUCED);

        assertThat(l2.meanA()).isCloseTo(0.90833333333333321, within(EPS));
        assertThat(l2.meanB()).isCloseTo(0.90333333333333343, within(EPS));
        assertThat(l2.ciLow()).isCloseTo(-0.0074759541237038318, within(EPS));
        assertThat(l2.ciHigh()).isCloseTo(0.017475954123703841, within(EPS));
        assertThat(l2.pTTest()).isCloseTo(0.77198944179324591, within(EPS));
        assertThat(l2.pWilcoxon()).isCloseTo(0.625, within(EPS));
        assertThat(l2.pRefute()).isCloseTo(0.0049718326227719536, within(EPS));
        assertThat(l2.pRefuteAdjusted()).isCloseTo(0.009943665245543907, within(EPS));
        assertThat(l2.power()).isCloseTo(0.73361288828879545, within(1e-6));
        assertThat(l2.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        // L2 has the smaller refutation p: Holm's first step, level 0.05/2; its upper bound there is +0.02092
        assertThat(l2.explanation()).contains("upper bound +0.02092 at Holm step level 0.0250 is below it")
                .contains("refutation p=0.00497, Holm 0.00994").doesNotContain("early-stopped");
        assertThat(l1.explanation()).contains("paired t p=0.0223 (Holm 0.0446, m=2) vs margin +0.01000")
                .contains("power 0.81 at min_effect +0.03000 with the observed sd at alpha/m");
    }

    @Test
    void signedRankPrimaryDecidesWithItsOwnP() {
        List<PairedResult> r = PairedAnalysis.family(FAMILY, superiority(0.01, 0.03, PrimaryTest.WILCOXON));
        assertThat(r.get(0).pPrimary()).isCloseTo(0.0625, within(EPS));
        assertThat(r.get(0).pAdjusted()).isCloseTo(0.125, within(EPS));
        assertThat(r.get(0).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.get(0).explanation()).contains("signed-rank p=0.0625 (Holm 0.125, m=2)");
    }

    @Test
    void equivalenceMatchesScipy() {
        Hypothesis eq = Hypothesis.equivalence(0.05);
        double[] d = {0.01, -0.02, 0.03, 0.0, 0.02, -0.01, 0.015};
        PairedResult in = PairedAnalysis.family(List.of(new Pair("in", d, new double[7])), eq).get(0);
        assertThat(in.meanDiff()).isCloseTo(0.0064285714285714276, within(EPS));
        assertThat(in.pTTest()).isCloseTo(0.00029307629536277343, within(EPS));
        assertThat(in.pPrimary()).isEqualTo(in.pTTest());
        assertThat(in.pWilcoxon()).isCloseTo(0.0078125, within(EPS));
        assertThat(in.pRefute()).isCloseTo(0.99970692370463721, within(EPS));
        // TOST power at bound/sd, alpha 0.05 (m = 1): the quadrature of PowerReferenceTest's reference
        assertThat(in.power()).isCloseTo(Power.tost(7, 0.05 / 0.017491494531696853, 0.05), within(1e-9));
        assertThat(in.verdict()).isEqualTo(Verdict.REPRODUCED);

        double[] far = {0.21, 0.18, 0.25, 0.22, 0.19, 0.2, 0.23};
        PairedResult out = PairedAnalysis.family(List.of(new Pair("out", far, new double[7])), eq).get(0);
        assertThat(out.pTTest()).isCloseTo(0.99999896262732202, within(EPS));
        assertThat(out.pWilcoxon()).isEqualTo(1.0);
        assertThat(out.pRefute()).isCloseTo(1.0373726779932644e-06, within(1e-12));
        assertThat(out.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(out.explanation()).contains("the one-sided bounds +0.1937..+0.2291 at level 0.0500 lie entirely outside +-0.05000");
        // mirrored below -bound: the same refutation p
        double[] below = java.util.Arrays.stream(far).map(x -> -x).toArray();
        PairedResult neg = PairedAnalysis.family(List.of(new Pair("neg", below, new double[7])), eq).get(0);
        assertThat(neg.pRefute()).isCloseTo(1.0373726779932644e-06, within(1e-12));
        assertThat(neg.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
    }

    @Test
    void powerUsesAlphaOverTheFamilySize() {
        Hypothesis h = superiority(0, 0.03, PrimaryTest.PAIRED_T).withPlannedSd(0.02);
        List<PairedResult> r = PairedAnalysis.family(List.of(FAMILY.get(0), FAMILY.get(0), FAMILY.get(0), FAMILY.get(0)), h);
        assertThat(r.get(0).power()).isCloseTo(Power.pairedT(6, 1.5, 0.05 / 4), within(1e-12));
        assertThat(r.get(0).explanation()).contains("with the planned sd 0.02000");
    }

    @Test
    void degenerateEquivalenceUsesTheMeanAgainstTheBoundsExactly() {
        Hypothesis eq = Hypothesis.equivalence(0.5);
        // all differences 0: inside both bounds, TOST p 0 (shown), still INCONCLUSIVE (no spread)
        PairedResult zero = PairedAnalysis.family(List.of(new Pair("z", new double[] {1, 2}, new double[] {1, 2})), eq).get(0);
        assertThat(zero.pTTest()).isEqualTo(0.0);
        assertThat(zero.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        // exactly on -bound and on +bound: not strictly inside, p 1
        PairedResult low = PairedAnalysis.family(List.of(new Pair("lo", new double[] {0.5, 1.5}, new double[] {1, 2})), eq).get(0);
        assertThat(low.meanDiff()).isEqualTo(-0.5);
        assertThat(low.pTTest()).isEqualTo(1.0);
        PairedResult high = PairedAnalysis.family(List.of(new Pair("hi", new double[] {1.5, 2.5}, new double[] {1, 2})), eq).get(0);
        assertThat(high.meanDiff()).isEqualTo(0.5);
        assertThat(high.pTTest()).isEqualTo(1.0);
        // just inside
        PairedResult in = PairedAnalysis.family(List.of(new Pair("in", new double[] {1.25, 2.25}, new double[] {1, 2})), eq).get(0);
        assertThat(in.pTTest()).isEqualTo(0.0);
        assertThat(in.pRefute()).isEqualTo(1.0);
    }

    @Test
    void degenerateSuperiorityComparesTheMeanWithTheMargin() {
        Hypothesis h = superiority(0.5, 1.0, PrimaryTest.PAIRED_T);
        PairedResult above = PairedAnalysis.family(List.of(new Pair("a", new double[] {1.75, 2.75}, new double[] {1, 2})), h).get(0);
        assertThat(above.pTTest()).isEqualTo(0.0);
        assertThat(above.pRefute()).isEqualTo(1.0);
        PairedResult on = PairedAnalysis.family(List.of(new Pair("o", new double[] {1.5, 2.5}, new double[] {1, 2})), h).get(0);
        assertThat(on.pTTest()).isEqualTo(1.0);
        assertThat(on.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void noSpreadIsJudgedRelativeToTheLargestScale() {
        // Spread 2e-7 on differences of 1e6: below 1e-12 of the scale, so float noise, not evidence.
        double[] a = {1e6 + 2e-7, 1e6, 1e6 - 2e-7};
        PairedResult big = PairedAnalysis.family(List.of(new Pair("big", a, new double[3])),
                superiority(0, 1.0, PrimaryTest.PAIRED_T)).get(0);
        assertThat(big.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(big.explanation()).contains(Verdicts.NO_SPREAD);
        assertThat(big.sdDiff()).isZero();
        // The same spread on differences near 1 is real spread, and the effect is clear.
        double[] small = {1 + 2e-7, 1, 1 - 2e-7};
        PairedResult ok = PairedAnalysis.family(List.of(new Pair("ok", small, new double[3])),
                superiority(0, 0.5, PrimaryTest.PAIRED_T)).get(0);
        assertThat(ok.verdict()).isEqualTo(Verdict.REPRODUCED);
        // A non-inferiority margin of -1e6 sets the scale too: the spread 1e-7 is noise against it.
        double[] near = {1 + 1e-7, 1, 1 - 1e-7};
        PairedResult ni = PairedAnalysis.family(List.of(new Pair("ni", near, new double[3])),
                superiority(-1e6, 0.5, PrimaryTest.PAIRED_T)).get(0);
        assertThat(ni.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(ni.explanation()).contains(Verdicts.NO_SPREAD);
    }

    @Test
    void signedRankDropsDifferencesThatEqualTheMarginUpToFloatNoise() {
        // margin 1000, difference 1000 + one ulp (1.1e-13): zero at the scale 1000, dropped; 3 positive remain: 1/8
        double[] a = {Math.nextUp(1000.0), 1001, 1002, 1003};
        PairedResult r = PairedAnalysis.family(List.of(new Pair("m", a, new double[4])),
                superiority(1000, 1004, PrimaryTest.WILCOXON)).get(0);
        assertThat(r.pWilcoxon()).isCloseTo(1 / 8.0, within(EPS));
    }

    @Test
    void relativeNeedsPositiveValues() {
        Hypothesis rel = new Hypothesis(Kind.SUPERIORITY, Direction.GREATER, true, 0, 0.1, 0, 0.05, 0.8, PrimaryTest.PAIRED_T);
        assertThatThrownBy(() -> PairedAnalysis.family(List.of(new Pair("z", new double[] {0, 1}, new double[] {1, 1})), rel))
                .hasMessageContaining("needs a > 0");
        assertThatThrownBy(() -> PairedAnalysis.family(List.of(new Pair("z", new double[] {1, 1}, new double[] {1, 0})), rel))
                .hasMessageContaining("needs a > 0");
    }

    @Test
    void stepLevelsAreHolmsPerComparisonLevels() {
        assertThat(PairedAnalysis.stepLevels(new double[] {0.03, 0.01, 0.02}, 0.06))
                .containsExactly(0.06, 0.02, 0.03);
        assertThat(PairedAnalysis.stepLevels(new double[] {0.01, 0.01}, 0.05)).containsExactly(0.025, 0.05);
    }
}
