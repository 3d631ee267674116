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
    void relativeDifferenceIsPerSeed() {
        Hypothesis h = new Hypothesis(Kind.SUPERIORITY, Direction.GREATER, true, 0, 0.1, 0, 0.05, 0.8, PrimaryTest.PAIRED_T);
        PairedResult r = one(h, new double[] {1.1, 2.4, 3.3}, new double[] {1, 2, 3});
        assertThat(r.meanDiff()).isCloseTo((0.1 + 0.2 + 0.1) / 3, within(1e-12));
    }

    @Test
    void tooFewSeedsForMinEffectIsInconclusiveNotNegative() {
        // n = 3, noisy, no effect visible: the t test at n = 3 has little power for minEffect = 0.5 sd
        double[] a = {0.970, 0.985, 0.975};
        double[] b = {0.978, 0.972, 0.977};
        PairedResult r = one(GREATER_T, a, b);
        assertThat(r.power()).isLessThan(0.8);
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.explanation()).contains("too few seeds");
    }

    @Test
    void wellPoweredFailureIsNotReproduced() {
        // 10 seeds, tiny sd, mean difference 0: minEffect 0.005 would have been seen.
        double[] a = {0.980, 0.9802, 0.9799, 0.9801, 0.980, 0.9798, 0.9801, 0.980, 0.9802, 0.9799};
        double[] b = {0.9801, 0.980, 0.980, 0.9799, 0.9802, 0.980, 0.9799, 0.9801, 0.980, 0.980};
        PairedResult r = one(GREATER_T, a, b);
        assertThat(r.power()).isGreaterThan(0.99);
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
    }

    @Test
    void wilcoxonPrimaryAtThreeSeedsCanNeverDecide() {
        Hypothesis h = Hypothesis.superiority(Direction.GREATER, 0.005, PrimaryTest.WILCOXON);
        PairedResult r = one(h, new double[] {0.99, 0.99, 0.99}, new double[] {0.97, 0.97, 0.97});
        assertThat(r.pTTest()).isZero(); // sd = 0, differences above the margin
        assertThat(r.pWilcoxon()).isCloseTo(0.125, within(1e-12));
        assertThat(r.power()).isZero();
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void zeroSdIsDeterministic() {
        PairedResult up = one(GREATER_T, new double[] {0.9, 0.8, 0.7}, new double[] {0.8, 0.7, 0.6});
        assertThat(up.sdDiff()).isZero();
        assertThat(up.pTTest()).isZero();
        assertThat(up.power()).isEqualTo(1.0);
        assertThat(up.verdict()).isEqualTo(Verdict.REPRODUCED);
        PairedResult flat = one(GREATER_T, new double[] {0.9, 0.8, 0.7}, new double[] {0.9, 0.8, 0.7});
        assertThat(flat.pTTest()).isEqualTo(1.0);
        assertThat(flat.pWilcoxon()).isEqualTo(1.0);
        assertThat(flat.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
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
    }
}
