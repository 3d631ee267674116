package lth.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The verdict rule's branches at their exact boundaries, on hand-made statistics: a p-value equal to alpha is not
 * significant (the rule is p &lt; alpha), a mean exactly on the margin may be REPRODUCED, an upper bound exactly on
 * min_effect is "above" it. Bounds in the explanations are checked against SciPy (t.ppf(0.975, 4) = 2.7764451).
 */
class VerdictsTest {
    private static final Pair PAIR = new Pair("p", new double[5], new double[5]);
    private static final Hypothesis SUP = new Hypothesis(Kind.SUPERIORITY, Direction.GREATER, false, 0.0, 0.3, 0, 0.05,
            0.8, PrimaryTest.PAIRED_T);
    private static final Hypothesis EQ = Hypothesis.equivalence(0.3);

    private static PairedAnalysis.Stats stats(Pair pair, double mean, double sd) {
        return new PairedAnalysis.Stats(pair, 5, 1, 1, mean, sd, Double.NaN, Double.NaN, mean / sd, 0.5, 0.5, 0.5,
                0.5, 0.5, false);
    }

    @Test
    void superiorityNeedsPStrictlyBelowAlpha() {
        assertThat(Verdicts.decide(stats(PAIR, 0.1, 0.2), 0.05, 1, 0.05, SUP, 1).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Verdicts.decide(stats(PAIR, 0.1, 0.2), 0.0499, 1, 0.05, SUP, 1).verdict()).isEqualTo(Verdict.REPRODUCED);
    }

    @Test
    void aMeanExactlyOnTheMarginCanBeReproducedButNotBelowIt() {
        Hypothesis ni = new Hypothesis(Kind.SUPERIORITY, Direction.GREATER, false, -0.1, 0.3, 0, 0.05, 0.8,
                PrimaryTest.WILCOXON);
        assertThat(Verdicts.decide(stats(PAIR, -0.1, 0.2), 0.01, 1, 0.05, ni, 1).verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(Verdicts.decide(stats(PAIR, -0.1001, 0.2), 0.01, 1, 0.05, ni, 1).verdict())
                .isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void refutationNeedsPStrictlyBelowAlpha() {
        assertThat(Verdicts.decide(stats(PAIR, 0.1, 0.2), 1, 0.05, 0.05, SUP, 1).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        PairedResult no = Verdicts.decide(stats(PAIR, 0.1, 0.2), 1, 0.0499, 0.025, SUP, 2);
        assertThat(no.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        // upper bound at the step level 0.025: 0.1 + 2.7764451 * 0.2/sqrt(5)
        assertThat(no.explanation()).contains("upper bound +0.3483 at Holm step level 0.0250 is below it");
        // significant and refuted: REPRODUCED with the note; refutation p exactly alpha: no note
        assertThat(Verdicts.decide(stats(PAIR, 0.1, 0.2), 0.01, 0.0499, 0.05, SUP, 1).explanation())
                .contains("the effect is smaller than the claimed +0.3000 (upper bound +0.2907 at level 0.0500)");
        assertThat(Verdicts.decide(stats(PAIR, 0.1, 0.2), 0.01, 0.05, 0.05, SUP, 1).explanation())
                .doesNotContain("smaller than the claimed");
    }

    @Test
    void anUpperBoundExactlyOnMinEffectIsAboveIt() {
        // sd 0 on a non-degenerate Stats makes the bound the mean itself
        PairedResult on = Verdicts.decide(stats(PAIR, 0.3, 0.0), 1, 1, 0.05, SUP, 1);
        assertThat(on.explanation()).contains("is above the claimed effect");
        PairedResult below = Verdicts.decide(stats(PAIR, 0.2999, 0.0), 1, 1, 0.05, SUP, 1);
        assertThat(below.explanation()).contains("Holm's step-down stops before this level");
    }

    @Test
    void equivalenceNeedsPStrictlyBelowAlpha() {
        assertThat(Verdicts.decide(stats(PAIR, 0.1, 0.2), 0.05, 1, 0.05, EQ, 1).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Verdicts.decide(stats(PAIR, 0.1, 0.2), 0.0499, 1, 0.05, EQ, 1).verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(Verdicts.decide(stats(PAIR, 0.1, 0.2), 1, 0.05, 0.05, EQ, 1).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        PairedResult no = Verdicts.decide(stats(PAIR, 0.1, 0.2), 1, 0.0499, 0.025, EQ, 2);
        assertThat(no.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(no.explanation()).contains("the one-sided bounds -0.1483..+0.3483 at Holm step level 0.0250");
    }

    @Test
    void earlyStopShareIsShownOnlyWhenKnown() {
        assertThat(Verdicts.decide(stats(PAIR, 0.1, 0.2), 1, 1, 0.05, SUP, 1).explanation()).doesNotContain("early-stopped");
        Pair capped = new Pair("c", new double[5], new double[5], 0.2, Double.NaN);
        assertThat(Verdicts.decide(stats(capped, 0.1, 0.2), 1, 1, 0.05, SUP, 1).explanation())
                .contains("runs early-stopped at the last evaluation: a 20%, b n/a");
        // MAX_CAPPED itself (10%) is allowed
        Pair atMax = new Pair("m", new double[5], new double[5], Hypothesis.MAX_CAPPED, 0);
        assertThat(Verdicts.decide(stats(atMax, 0.1, 0.2), 0.01, 1, 0.05, SUP.withEarlyStop(true), 1).verdict())
                .isEqualTo(Verdict.REPRODUCED);
    }

    @Test
    void pValuesSwitchToScientificBelowOneInTenThousand() {
        assertThat(Verdicts.pv(0.5)).isEqualTo("0.500");
        assertThat(Verdicts.pv(1e-4)).isEqualTo("0.000100");
        assertThat(Verdicts.pv(5e-5)).isEqualTo("5.0e-05");
        assertThat(Verdicts.pv(0)).isEqualTo("0.00");
        assertThat(Verdicts.num(0.5)).isEqualTo("+0.5000");
    }
}
