package lth.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Operating characteristics by simulation, fixed seeds. Tolerances are 3 binomial standard errors. */
class CalibrationTest {
    private static final int CLAIMS = 2000;
    private static final double ALPHA = 0.05;

    private static double tolerance(double p, int n) {
        return 3 * Math.sqrt(p * (1 - p) / n);
    }

    private static Hypothesis superiority(PrimaryTest primary, double margin, boolean relative) {
        return new Hypothesis(Kind.SUPERIORITY, Direction.GREATER, relative, margin, Calibration.SD_DIFF, 0,
                ALPHA, 0.8, primary);
    }

    @ParameterizedTest(name = "A/A n={0} {1}")
    @CsvSource({"3,PAIRED_T", "5,PAIRED_T", "8,PAIRED_T", "3,WILCOXON", "5,WILCOXON", "8,WILCOXON"})
    void aaFalsePositiveRateIsAtMostAlpha(int n, PrimaryTest primary) {
        double rate = Calibration.falsePositiveRate(n, CLAIMS, 42L + n, superiority(primary, 0, false));
        System.out.printf("A/A REPRODUCED rate n=%d %-8s: %.4f (alpha %.2f, %d claims)%n", n, primary, rate, ALPHA, CLAIMS);
        assertThat(rate).isLessThanOrEqualTo(ALPHA + tolerance(ALPHA, CLAIMS));
    }

    @Test
    void nullAtTheMarginAndInRelativeUnitsAndDirectionLess() {
        double nonInferior = Calibration.falsePositiveRate(5, CLAIMS, 1, superiority(PrimaryTest.PAIRED_T, -0.003, false));
        double relative = Calibration.falsePositiveRate(5, CLAIMS, 2, superiority(PrimaryTest.PAIRED_T, 0, true));
        double less = Calibration.falsePositiveRate(5, CLAIMS, 3, new Hypothesis(Kind.SUPERIORITY, Direction.LESS,
                false, 0, Calibration.SD_DIFF, 0, ALPHA, 0.8, PrimaryTest.PAIRED_T));
        System.out.printf("null at margin -0.003: %.4f, relative: %.4f, LESS: %.4f%n", nonInferior, relative, less);
        for (double rate : new double[] {nonInferior, relative, less})
            assertThat(rate).isLessThanOrEqualTo(ALPHA + tolerance(ALPHA, CLAIMS));
    }

    @Test
    void holmControlsTheFamilyWiseRate() {
        double fwer = Calibration.familyFalsePositiveRate(5, 1000, 5, 9, superiority(PrimaryTest.PAIRED_T, 0, false));
        System.out.printf("A/A family-wise rate, n=5, 5 levels: %.4f%n", fwer);
        assertThat(fwer).isLessThanOrEqualTo(ALPHA + tolerance(ALPHA, 1000));
    }

    @ParameterizedTest(name = "power n={0} dz={1}")
    @CsvSource({"5,1.5", "8,1.0", "10,2.0"})
    void empiricalPowerMatchesAnalytic(int n, double dz) {
        double analytic = Power.pairedT(n, dz, ALPHA);
        double empirical = Calibration.reproducedRate(n, dz, CLAIMS, 100L + n, superiority(PrimaryTest.PAIRED_T, 0, false));
        System.out.printf("power n=%d dz=%.1f: analytic %.3f, simulated %.3f%n", n, dz, analytic, empirical);
        assertThat(empirical).isCloseTo(analytic, within(tolerance(analytic, CLAIMS) + 0.005));
    }

    @Test
    void wilcoxonEmpiricalPowerMatchesItsSimulatedPower() {
        double analytic = Power.wilcoxon(8, 1.5, ALPHA);
        double empirical = Calibration.reproducedRate(8, 1.5, CLAIMS, 5, superiority(PrimaryTest.WILCOXON, 0, false));
        System.out.printf("signed-rank power n=8 dz=1.5: model %.3f, simulated %.3f%n", analytic, empirical);
        assertThat(empirical).isCloseTo(analytic, within(tolerance(analytic, CLAIMS) + 0.01));
    }

    @Test
    void tostPassesForTrueEquivalenceAndFailsForARealDifference() {
        Hypothesis eq = new Hypothesis(Kind.EQUIVALENCE, Direction.GREATER, false, 0, 0,
                1.5 * Calibration.SD_DIFF, ALPHA, 0.8, PrimaryTest.PAIRED_T);
        double pass = Calibration.tostPassRate(10, 0.0, CLAIMS, 21, eq);
        double analytic = Power.tost(10, 1.5, ALPHA);
        double atBound = Calibration.falsePositiveRate(10, CLAIMS, 22, eq);
        double beyond = Calibration.tostPassRate(10, 3.0, CLAIMS, 23, eq);
        double calledDifferent = Calibration.verdictRate(10, 3.0 * Calibration.SD_DIFF, CLAIMS, 24, eq,
                Verdict.NOT_REPRODUCED);
        System.out.printf("TOST n=10 bound 1.5 sd: pass at 0 %.3f (analytic %.3f), pass at the bound %.4f, "
                + "pass at 3 sd %.4f, NOT_REPRODUCED at 3 sd %.3f%n", pass, analytic, atBound, beyond, calledDifferent);
        assertThat(analytic).isGreaterThan(0.8);
        assertThat(pass).isCloseTo(analytic, within(tolerance(analytic, CLAIMS) + 0.005));
        assertThat(atBound).isLessThanOrEqualTo(ALPHA + tolerance(ALPHA, CLAIMS));
        assertThat(beyond).isLessThanOrEqualTo(0.01);
        assertThat(calledDifferent).isGreaterThan(0.95);
    }

    @Test
    void tostWithTooFewSeedsIsInconclusiveNotNegative() {
        Hypothesis eq = new Hypothesis(Kind.EQUIVALENCE, Direction.GREATER, false, 0, 0,
                0.5 * Calibration.SD_DIFF, ALPHA, 0.8, PrimaryTest.PAIRED_T);
        double inconclusive = Calibration.verdictRate(3, 0.0, 500, 31, eq, Verdict.INCONCLUSIVE);
        System.out.printf("TOST n=3 bound 0.5 sd, true difference 0: INCONCLUSIVE rate %.3f%n", inconclusive);
        assertThat(inconclusive).isGreaterThan(0.9);
    }

    /** min_effect = one sd of the differences: seeds planned for 0.8 both ways are 9 ({@link Power#seedsFor}). */
    @ParameterizedTest(name = "three outcomes, superiority {0} relative={1}")
    @CsvSource({"PAIRED_T,false", "PAIRED_T,true", "WILCOXON,false"})
    void threeOutcomesAtThePlannedSeedsAndWithTooFew(PrimaryTest primary, boolean relative) {
        Hypothesis h = superiority(primary, 0, relative);
        double claimed = relative ? h.fromScale(Calibration.SD_DIFF) : Calibration.SD_DIFF; // min_effect on its scale
        h = new Hypothesis(Kind.SUPERIORITY, Direction.GREATER, relative, 0, claimed, 0, ALPHA, 0.8, primary);
        int planned = Calibration.plannedSeeds(h);
        assertThat(planned).isEqualTo(9);
        double trueEffect = relative ? h.fromScale(1.5 * Calibration.SD_DIFF) : 1.5 * Calibration.SD_DIFF;
        Calibration.Rates effect = Calibration.rates(planned, trueEffect, CLAIMS, 61, h);
        Calibration.Rates none = Calibration.rates(planned, 0, CLAIMS, 62, h);
        Calibration.Rates few = Calibration.rates(3, 0, CLAIMS, 63, h);
        System.out.printf("%s relative=%b, planned n=%d: true 1.5x min_effect: %s; true 0: %s; n=3, true 0: %s%n",
                primary, relative, planned, effect, none, few);
        assertThat(effect.reproduced()).isGreaterThanOrEqualTo(0.8);
        assertThat(none.reproduced()).isLessThanOrEqualTo(ALPHA + tolerance(ALPHA, CLAIMS)); // A/A at the planned n
        // At the planned seeds NOT_REPRODUCED has the planned rate (analytic, REPRODUCED's precedence included)
        double analytic = Power.refutation(planned, 1.0, ALPHA);
        assertThat(analytic).isGreaterThanOrEqualTo(0.8);
        assertThat(none.notReproduced()).isGreaterThanOrEqualTo(0.8 - tolerance(0.8, CLAIMS));
        if (primary == PrimaryTest.PAIRED_T)
            assertThat(none.notReproduced()).isCloseTo(analytic, within(tolerance(0.8, CLAIMS)));
        // Too few seeds: no verdict rather than a false negative
        assertThat(few.inconclusive()).isGreaterThan(0.5).isGreaterThan(few.notReproduced());
        assertThat(few.reproduced()).isLessThanOrEqualTo(ALPHA + tolerance(ALPHA, CLAIMS));
    }

    @Test
    void threeOutcomesForEquivalenceAtThePlannedSeedsAndWithTooFew() {
        Hypothesis eq = new Hypothesis(Kind.EQUIVALENCE, Direction.GREATER, false, 0, 0,
                1.5 * Calibration.SD_DIFF, ALPHA, 0.8, PrimaryTest.PAIRED_T);
        int planned = Calibration.plannedSeeds(eq);
        assertThat(Power.tost(planned, 1.5, ALPHA)).isGreaterThanOrEqualTo(0.8);
        Calibration.Rates same = Calibration.rates(planned, 0, CLAIMS, 71, eq);
        Calibration.Rates atBound = Calibration.rates(planned, 1.5 * Calibration.SD_DIFF, CLAIMS, 72, eq);
        // A real difference of 1.5 sd beyond the bound
        Calibration.Rates apart = Calibration.rates(planned, 3.0 * Calibration.SD_DIFF, CLAIMS, 73, eq);
        Calibration.Rates fewSame = Calibration.rates(3, 0, CLAIMS, 74, eq);
        Calibration.Rates fewApart = Calibration.rates(3, 3.0 * Calibration.SD_DIFF, CLAIMS, 75, eq);
        System.out.printf("TOST bound 1.5 sd, planned n=%d: true 0: %s; at the bound: %s; 3 sd: %s; n=3 true 0: %s;"
                + " n=3 3 sd: %s%n", planned, same, atBound, apart, fewSame, fewApart);
        assertThat(same.reproduced()).isGreaterThanOrEqualTo(0.8 - tolerance(0.8, CLAIMS));
        assertThat(same.reproduced()).isCloseTo(Power.tost(planned, 1.5, ALPHA), within(tolerance(0.8, CLAIMS) + 0.005));
        assertThat(atBound.reproduced()).isLessThanOrEqualTo(ALPHA + tolerance(ALPHA, CLAIMS));
        assertThat(apart.notReproduced()).isGreaterThanOrEqualTo(0.8);
        assertThat(fewSame.inconclusive()).isGreaterThan(0.5).isGreaterThan(fewSame.notReproduced());
        assertThat(fewApart.reproduced()).isLessThanOrEqualTo(ALPHA);
    }
}
