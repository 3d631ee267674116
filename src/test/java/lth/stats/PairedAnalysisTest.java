package lth.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairedAnalysisTest {
    private static final Hypothesis GREATER_T = Hypothesis.superiority(Direction.GREATER, 0.005, PrimaryTest.PAIRED_T);

    private static PairedResult one(Hypothesis h, double[] a, double[] b) {
        return PairedAnalysis.family(List.of(new Pair("L1", a, b)), h).get(0);
    }

    @Test
    void clearSuperiorityIsReproducedWithNumbersInTheExplanation() {
        double[] a = {0.981, 0.979, 0.983, 0.980, 0.982};
        double[] b = {0.975, 0.974, 0.976, 0.973, 0.977};
        PairedResult r = one(GREATER_T, a, b);
        assertThat(r.meanDiff()).isCloseTo(0.006, within(1e-12));
        assertThat(r.pTTest()).isLessThan(0.001);
        assertThat(r.pWilcoxon()).isCloseTo(1 / 32.0, within(1e-12));
        assertThat(r.pAdjusted()).isEqualTo(r.pPrimary());
        assertThat(r.ciLow()).isLessThan(0.006).isGreaterThan(0);
        assertThat(r.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(r.explanation()).contains("n=5").contains("90% CI").contains("paired t p=").contains("Holm");
    }

    @Test
    void lessDirectionOrientsTheDifference() {
        Hypothesis less = Hypothesis.superiority(Direction.LESS, 0.005, PrimaryTest.PAIRED_T);
        double[] a = {0.975, 0.974, 0.976, 0.973, 0.977};
        double[] b = {0.981, 0.979, 0.983, 0.980, 0.982};
        PairedResult r = one(less, a, b);
        assertThat(r.meanDiff()).isCloseTo(0.006, within(1e-12));
        assertThat(r.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(one(GREATER_T, a, b).verdict()).isNotEqualTo(Verdict.REPRODUCED);
    }

    @Test
    void relativeDifferenceIsTheGeometricMeanOfPerSeedRatios() {
        // Tested on ln(a/b) per seed (not the mean of per-seed ratios), shown back as exp(mean) - 1.
        Hypothesis h = new Hypothesis(Kind.SUPERIORITY, Direction.GREATER, true, 0, 0.1, 0, 0.05, 0.8, PrimaryTest.PAIRED_T);
        PairedResult r = one(h, new double[] {1.1, 2.4, 3.3}, new double[] {1, 2, 3});
        double meanLog = (Math.log(1.1) + Math.log(1.2) + Math.log(1.1)) / 3;
        assertThat(r.meanDiff()).isCloseTo(Math.exp(meanLog) - 1, within(1e-12));
        assertThat(r.sdDiff()).isCloseTo(Math.sqrt(((2 * Math.pow(Math.log(1.1) - meanLog, 2))
                + Math.pow(Math.log(1.2) - meanLog, 2)) / 2), within(1e-12));
        assertThat(r.explanation()).contains("relative (back from the mean log ratio a/b)");
    }

    @Test
    void relativeLessIsTheFractionEarlierOnTheLogScale() {
        // "a stops at least 20% earlier than b": ratios a/b of 0.5 and 0.8 average to sqrt(0.4) on the log scale,
        // i.e. 36.8% earlier, not the 35% of the arithmetic mean of ratios.
        Hypothesis h = new Hypothesis(Kind.SUPERIORITY, Direction.LESS, true, 0, 0.2, 0, 0.05, 0.8, PrimaryTest.PAIRED_T);
        PairedResult r = one(h, new double[] {500, 800}, new double[] {1000, 1000});
        assertThat(r.meanDiff()).isCloseTo(1 - Math.sqrt(0.4), within(1e-12));
        assertThat(r.ciLow()).isLessThan(r.meanDiff());
        assertThat(r.ciHigh()).isGreaterThan(r.meanDiff()).isLessThan(1); // never "more than 100% earlier"
        assertThatThrownBy(() -> one(h, new double[] {0, 800}, new double[] {1000, 1000}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log-ratio");
        assertThatThrownBy(() -> new Hypothesis(Kind.SUPERIORITY, Direction.LESS, true, 0, 1.0, 0, 0.05, 0.8,
                PrimaryTest.PAIRED_T)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ratio");
    }

    @Test
    void tooFewSeedsForMinEffectIsInconclusiveNotNegative() {
        // n = 3, noisy, no effect visible: the t test at n = 3 has little power for minEffect = 0.5 sd
        double[] a = {0.970, 0.985, 0.975};
        double[] b = {0.978, 0.972, 0.977};
        PairedResult r = one(GREATER_T, a, b);
        assertThat(r.power()).isLessThan(0.8);
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.ciHigh()).isGreaterThan(0.005);
        assertThat(r.explanation()).contains("neither significant nor excluded: the upper bound")
                .contains("is above the claimed effect +0.005000");
    }

    @Test
    void anEffectAsLargeAsClaimedExcludedIsNotReproduced() {
        // 10 seeds, tiny sd, mean difference 0: the upper bound lies far below minEffect 0.005.
        double[] a = {0.980, 0.9802, 0.9799, 0.9801, 0.980, 0.9798, 0.9801, 0.980, 0.9802, 0.9799};
        double[] b = {0.9801, 0.980, 0.980, 0.9799, 0.9802, 0.980, 0.9799, 0.9801, 0.980, 0.980};
        PairedResult r = one(GREATER_T, a, b);
        assertThat(r.power()).isGreaterThan(0.99);
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(r.ciHigh()).isLessThan(0.005);
        assertThat(r.pRefuteAdjusted()).isLessThan(0.05).isEqualTo(r.pRefute());
        assertThat(r.explanation()).contains("the data reject an effect as large as the claimed +0.005000")
                .contains("shown, not a rule");
    }

    @Test
    void wholeIntervalBelowMinEffectWithFewSeedsIsNotReproducedWhateverThePower() {
        // 3 seeds, differences near 0 and tightly spread: the test against minEffect rejects although a
        // planned sd of 0.01 gives almost no power. The old power rule said INCONCLUSIVE here.
        Hypothesis h = GREATER_T.withPlannedSd(0.01);
        PairedResult r = one(h, new double[] {0.9800, 0.9801, 0.9799}, new double[] {0.9800, 0.9800, 0.9800});
        assertThat(r.power()).isLessThan(0.2);
        assertThat(r.ciHigh()).isLessThan(0.005);
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(r.explanation()).contains("the planned sd 0.01000").contains("is below it");
    }

    @Test
    void powerFromAPlannedSdDoesNotDecide() {
        // Planned sd tiny (power 1), data noisy: still INCONCLUSIVE, not NOT_REPRODUCED.
        double[] a = {0.970, 0.985, 0.975}, b = {0.978, 0.972, 0.977};
        PairedResult r = one(GREATER_T.withPlannedSd(0.0001), a, b);
        assertThat(r.power()).isGreaterThan(0.99);
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.power()).isNotEqualTo(one(GREATER_T, a, b).power()); // the observed sd gives another number
    }

    @Test
    void significantButSmallerThanClaimedIsReproducedWithANote() {
        // +0.001 with a tiny spread over 10 seeds: significant against 0, and 0.005 is excluded.
        double[] b = {0.970, 0.971, 0.972, 0.973, 0.974, 0.975, 0.976, 0.977, 0.978, 0.979};
        double[] a = new double[b.length];
        for (int i = 0; i < b.length; i++) a[i] = b[i] + 0.001 + (i % 2 == 0 ? 1e-5 : -1e-5);
        PairedResult r = one(GREATER_T, a, b);
        assertThat(r.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(r.explanation()).contains("the effect is smaller than the claimed +0.005000");
    }

    @Test
    void refutationIsHolmAdjustedAcrossLevels() {
        double[] b = {0.980, 0.980, 0.980};
        // One clear refutation, one borderline: refutation p-values are Holm-adjusted like the primary ones.
        List<PairedResult> rs = PairedAnalysis.family(List.of(
                new Pair("clear", new double[] {0.9800, 0.9801, 0.9799}, b),
                new Pair("borderline", new double[] {0.978, 0.983, 0.980}, b)), GREATER_T);
        double[] expected = Holm.adjust(new double[] {rs.get(0).pRefute(), rs.get(1).pRefute()});
        assertThat(rs.get(0).pRefuteAdjusted()).isEqualTo(expected[0]);
        assertThat(rs.get(1).pRefuteAdjusted()).isEqualTo(expected[1]);
        assertThat(rs.get(0).verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(rs.get(0).explanation()).contains("Holm step level 0.025");
        assertThat(PairedAnalysis.stepLevels(new double[] {0.3, 0.01, 0.3}, 0.05)).containsExactly(0.05 / 2, 0.05 / 3, 0.05);
    }

    @Test
    void wilcoxonPrimaryAtThreeSeedsCanNeverDecide() {
        Hypothesis h = Hypothesis.superiority(Direction.GREATER, 0.005, PrimaryTest.WILCOXON);
        PairedResult r = one(h, new double[] {0.99, 0.99, 0.99}, new double[] {0.97, 0.97, 0.97});
        assertThat(r.pTTest()).isZero(); // sd = 0, differences above the margin
        assertThat(r.pWilcoxon()).isCloseTo(0.125, within(1e-12));
        assertThat(r.power()).isNaN(); // no spread: no power number at all
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Power.wilcoxon(3, 5.0, 0.05)).isZero();
    }

    @Test
    void zeroSpreadIsInconclusiveNeverPowerOneOrNotReproduced() {
        // Before: +0.1 on every seed was REPRODUCED and 0 on every seed NOT_REPRODUCED with "power 1.00".
        PairedResult up = one(GREATER_T, new double[] {0.9, 0.8, 0.7}, new double[] {0.8, 0.7, 0.6});
        assertThat(up.sdDiff()).isZero();
        assertThat(up.pTTest()).isZero();
        assertThat(up.power()).isNaN();
        assertThat(up.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(up.explanation()).contains("no spread across seeds (all pairs equal): not evidence")
                .doesNotContain("power");
        PairedResult flat = one(GREATER_T, new double[] {0.9, 0.8, 0.7}, new double[] {0.9, 0.8, 0.7});
        assertThat(flat.pTTest()).isEqualTo(1.0);
        assertThat(flat.pWilcoxon()).isEqualTo(1.0);
        assertThat(flat.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(flat.explanation()).contains("no spread across seeds");
        PairedResult eq = one(Hypothesis.equivalence(0.005), new double[] {0.9, 0.8}, new double[] {0.9, 0.8});
        assertThat(eq.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(eq.power()).isNaN();
        // A flat level stays in the family (m = 2) but lends Holm no rejection.
        double[] b = {0.975, 0.974, 0.976, 0.973, 0.977};
        List<PairedResult> rs = PairedAnalysis.family(List.of(new Pair("flat", b.clone(), b),
                new Pair("strong", new double[] {0.981, 0.979, 0.983, 0.980, 0.982}, b)), GREATER_T);
        assertThat(rs.get(1).pAdjusted()).isEqualTo(Math.min(1, 2 * rs.get(1).pPrimary()));
    }

    @Test
    void earlyStopAtTheLastEvaluationMakesAnEarlyStopComparisonInconclusive() {
        Hypothesis es = Hypothesis.superiority(Direction.LESS, 100, PrimaryTest.PAIRED_T).withEarlyStop(true);
        double[] a = {600, 700, 650, 620, 680}, b = {1000, 1000, 1000, 990, 1000};
        PairedResult capped = PairedAnalysis.family(List.of(new Pair("L", a, b, 0.0, 0.8)), es).get(0);
        assertThat(capped.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(capped.explanation()).contains("early stop not reached at this scale")
                .contains("runs early-stopped at the last evaluation: a 0%, b 80%");
        // 10% is allowed; the same data then decide by the tests
        PairedResult ok = PairedAnalysis.family(List.of(new Pair("L", a, b, 0.1, 0.1)), es).get(0);
        assertThat(ok.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(ok.explanation()).contains("a 10%, b 10%");
        // Not an early-stop metric: the fraction is reported, it does not decide
        PairedResult acc = PairedAnalysis.family(List.of(new Pair("L", a, b, 0.0, 0.8)), es.withEarlyStop(false)).get(0);
        assertThat(acc.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(acc.explanation()).contains("b 80%");
        // Unknown fractions (a threshold side) are shown as such and never decide
        PairedResult one = PairedAnalysis.family(List.of(new Pair("L", a, b, 0.0, Double.NaN)), es).get(0);
        assertThat(one.explanation()).contains("b n/a");
        assertThat(one.verdict()).isEqualTo(Verdict.REPRODUCED);
    }

    @Test
    void fewerThanTwoSeedsIsInconclusive() {
        PairedResult r = one(GREATER_T, new double[] {0.99}, new double[] {0.5});
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.explanation()).contains("n=1");
        assertThat(r.pAdjusted()).isEqualTo(1.0);
        assertThat(one(GREATER_T, new double[0], new double[0]).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void invalidInputNamesThePair() {
        assertThatThrownBy(() -> one(GREATER_T, new double[] {0.9, Double.NaN}, new double[] {0.8, 0.8}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("L1");
        assertThatThrownBy(() -> one(GREATER_T, new double[] {0.9, Double.POSITIVE_INFINITY}, new double[] {0.8, 0.8}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("L1");
        assertThatThrownBy(() -> one(GREATER_T, new double[] {0.9}, new double[] {0.8, 0.8}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("L1");
    }

    @Test
    void hypothesisValidationNamesTheField() {
        assertThatThrownBy(() -> new Hypothesis(Kind.SUPERIORITY, Direction.GREATER, false, 0, 0.1, 0, 0.5, 0.8, PrimaryTest.PAIRED_T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new Hypothesis(Kind.SUPERIORITY, Direction.GREATER, false, 0, 0.1, 0, 0.05, 1.0, PrimaryTest.PAIRED_T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("powerTarget");
        assertThatThrownBy(() -> new Hypothesis(Kind.SUPERIORITY, Direction.GREATER, false, 0, 0, 0, 0.05, 0.8, PrimaryTest.PAIRED_T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minEffect");
        assertThatThrownBy(() -> new Hypothesis(Kind.EQUIVALENCE, Direction.GREATER, false, 0, 0, 0, 0.05, 0.8, PrimaryTest.PAIRED_T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("equivalenceBound");
    }

    @Test
    void holmIsAppliedAcrossTheFamily() {
        double[] b = {0.975, 0.974, 0.976, 0.973, 0.977};
        List<PairedResult> rs = PairedAnalysis.family(List.of(
                new Pair("strong", new double[] {0.981, 0.979, 0.983, 0.980, 0.982}, b),
                new Pair("weak", new double[] {0.978, 0.973, 0.979, 0.972, 0.979}, b)), GREATER_T);
        double[] expected = Holm.adjust(new double[] {rs.get(0).pPrimary(), rs.get(1).pPrimary()});
        assertThat(rs.get(0).pAdjusted()).isEqualTo(expected[0]);
        assertThat(rs.get(1).pAdjusted()).isEqualTo(expected[1]);
        assertThat(rs.get(0).pAdjusted()).isEqualTo(Math.min(1, 2 * rs.get(0).pPrimary())); // smallest p times m
        assertThat(rs.get(0).explanation()).contains("m=2");
    }

    @Test
    void equivalenceVerdicts() {
        Hypothesis eq = Hypothesis.equivalence(0.005);
        double[] b = {0.980, 0.981, 0.979, 0.980, 0.982, 0.978, 0.981, 0.980};
        double[] same = {0.9801, 0.9808, 0.9792, 0.9803, 0.9815, 0.9783, 0.9812, 0.9797};
        PairedResult r = one(eq, same, b);
        assertThat(r.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(r.explanation()).contains("TOST").contains("equivalent");
        double[] far = new double[b.length];
        for (int i = 0; i < b.length; i++) far[i] = same[i] + 0.02;
        PairedResult f = one(eq, far, b);
        assertThat(f.ciLow()).isGreaterThan(0.005);
        assertThat(f.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        // 2 noisy seeds: neither equivalent nor a visible difference
        PairedResult few = one(eq, new double[] {0.98, 0.97}, new double[] {0.975, 0.978});
        assertThat(few.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(few.explanation()).contains("neither equivalent nor excluded");
        assertThat(f.explanation()).contains("the data reject equivalence");
        // 3 seeds, clearly 2pp apart with little spread: equivalence rejected with few seeds, whatever the power
        PairedResult three = one(eq, new double[] {0.9601, 0.9600, 0.9599}, new double[] {0.980, 0.980, 0.980});
        assertThat(three.ciHigh()).isLessThan(-0.005);
        assertThat(three.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
    }
}
