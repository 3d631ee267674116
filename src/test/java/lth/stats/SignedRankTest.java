package lth.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.junit.jupiter.api.Test;

class SignedRankTest {

    @Test
    void allPositiveGivesOneOverTwoToTheN() {
        assertThat(SignedRank.pGreater(new double[] {0.3, 0.1, 0.2, 0.5, 0.4})).isCloseTo(1 / 32.0, within(1e-12));
        assertThat(SignedRank.pLess(new double[] {0.3, 0.1, 0.2, 0.5, 0.4})).isEqualTo(1.0);
    }

    @Test
    void agreesWithCommonsTwoSidedHalvedWithoutTies() {
        double[] d = {0.8, -0.1, 0.35, 1.2, 0.05, -0.4, 0.9, 0.6};
        double[] zero = new double[d.length];
        // commons: two-sided exact p = 2 P(W >= Wmax); here W+ > W-, so the one-sided p is half of it.
        double twoSided = new WilcoxonSignedRankTest().wilcoxonSignedRankTest(zero, d, true);
        assertThat(SignedRank.pGreater(d)).isCloseTo(twoSided / 2, within(1e-12));
    }

    @Test
    void dropsZerosAndHandlesTies() {
        // zeros dropped: equivalent to the three positive values alone
        assertThat(SignedRank.pGreater(new double[] {0, 0.2, 0.2, 0.2, 0})).isCloseTo(1 / 8.0, within(1e-12));
        assertThat(SignedRank.pGreater(new double[] {0, 0, 0})).isEqualTo(1.0);
        // ties +1, -1, +2: mid-ranks 1.5, 1.5, 3; W+ = 4.5; subsets with sum >= 4.5: {3,1.5}x2, {all} -> 3/8
        assertThat(SignedRank.pGreater(new double[] {1, -1, 2})).isCloseTo(3 / 8.0, within(1e-12));
    }

    @Test
    void criticalValueMatchesTables() {
        // one-sided 0.05: n=5 -> 15 (all positive), n=8 -> 31 (P(W+>=31)=0.039), n=10 -> 45 (P=0.042)
        assertThat(SignedRank.criticalValue(5, 0.05)).isEqualTo(15);
        assertThat(SignedRank.criticalValue(8, 0.05)).isEqualTo(31);
        assertThat(SignedRank.criticalValue(10, 0.05)).isEqualTo(45);
        assertThat(SignedRank.criticalValue(4, 0.05)).isEqualTo(11); // impossible: max W+ is 10
    }
}
