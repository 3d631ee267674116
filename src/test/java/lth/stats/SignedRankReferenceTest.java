package lth.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The signed-rank test above 60 nonzero values (normal approximation with tie and continuity correction) and at
 * the switch, against scipy.stats.wilcoxon 1.17 (alternative='greater'; method='approx', correction=True, which
 * is R's wilcox.test(exact=FALSE, correct=TRUE); method='exact' for n = 60).
 */
class SignedRankReferenceTest {

    @Test
    void normalApproximationWithTiesMatchesScipy() {
        // x_i = ceil(i/2), negated when i % 7 == 3, i = 1..65: tied pairs throughout
        double[] x = new double[65];
        for (int i = 1; i <= 65; i++) x[i - 1] = ((i + 1) / 2) * (i % 7 == 3 ? -1 : 1);
        assertThat(SignedRank.pGreater(x)).isCloseTo(1.1131285927018325e-07, within(1e-15));
        // the same values in another order (i -> 2i mod 65): tie groups no longer adjacent, the same p
        double[] shuffled = new double[65];
        for (int i = 0; i < 65; i++) shuffled[(2 * i) % 65] = x[i];
        assertThat(SignedRank.pGreater(shuffled)).isCloseTo(1.1131285927018325e-07, within(1e-15));
        // all 61 equal: one tie group
        double[] ones = new double[61];
        java.util.Arrays.fill(ones, 1.0);
        assertThat(SignedRank.pGreater(ones)).isCloseTo(2.948784302250614e-15, within(1e-22));
    }

    @Test
    void normalApproximationWithoutTiesMatchesScipy() {
        double[] x = new double[61];
        for (int i = 0; i < 61; i++) x[i] = (i + 1) * (i % 3 == 0 ? -1 : 1);
        assertThat(SignedRank.pGreater(x)).isCloseTo(0.01735454769088028, within(1e-12));
        double[] neg = new double[61];
        for (int i = 0; i < 61; i++) neg[i] = -x[i];
        assertThat(SignedRank.pLess(neg)).isCloseTo(0.01735454769088028, within(1e-12));
    }

    @Test
    void sixtyNonzeroValuesAreStillExact() {
        double[] x = new double[60];
        for (int i = 0; i < 60; i++) x[i] = (i + 1) * (i % 3 == 0 ? -1 : 1);
        assertThat(SignedRank.pGreater(x)).isCloseTo(0.008068561543775665, within(1e-12)); // approx would be 0.00845
    }

    @Test
    void pLessIsTheMirror() {
        assertThat(SignedRank.pLess(new double[] {-0.3, -0.1, -0.2, -0.5, -0.4})).isCloseTo(1 / 32.0, within(1e-15));
    }

    @Test
    void criticalValueIsNeverAtAnAlphaEqualToTheSmallestP() {
        // n = 5: P(W+ = 15) = 1/32; p < alpha fails at alpha = 1/32, so no critical value (16 = never)
        assertThat(SignedRank.criticalValue(5, 1 / 32.0)).isEqualTo(16);
        assertThat(SignedRank.criticalValue(5, 1 / 32.0 + 1e-12)).isEqualTo(15);
    }
}
