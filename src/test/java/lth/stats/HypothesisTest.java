package lth.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hypothesis' argument checks at their exact boundaries, its scale mapping, and the claim-file spellings. */
class HypothesisTest {

    private static Hypothesis sup(double alpha, double powerTarget, double plannedSd) {
        return new Hypothesis(Kind.SUPERIORITY, Direction.GREATER, false, 0, 0.1, 0, alpha, powerTarget,
                PrimaryTest.PAIRED_T, plannedSd, false);
    }

    @Test
    void boundariesAreExcluded() {
        assertThatThrownBy(() -> sup(0, 0.8, Double.NaN)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> sup(0.5, 0.8, Double.NaN)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> sup(0.05, 0, Double.NaN)).hasMessageContaining("powerTarget");
        assertThatThrownBy(() -> sup(0.05, 1, Double.NaN)).hasMessageContaining("powerTarget");
        assertThatThrownBy(() -> sup(0.05, 0.8, 0)).hasMessageContaining("plannedSd");
        assertThatThrownBy(() -> sup(0.05, 0.8, Double.POSITIVE_INFINITY)).hasMessageContaining("plannedSd");
        assertThat(sup(1e-9, 1e-9, 1e-9).plannedSd()).isEqualTo(1e-9);
    }

    @Test
    void toScaleIsTheIdentityUnlessRelative() {
        Hypothesis abs = Hypothesis.superiority(Direction.LESS, 0.5, PrimaryTest.PAIRED_T);
        assertThat(abs.toScale(0.5)).isEqualTo(0.5);
        assertThat(abs.fromScale(0.5)).isEqualTo(0.5);
        Hypothesis rel = new Hypothesis(Kind.SUPERIORITY, Direction.LESS, true, 0, 0.2, 0, 0.05, 0.8, PrimaryTest.PAIRED_T);
        // LESS, 20% smaller: a/b = 0.8, oriented log ratio -ln(0.8)
        assertThat(rel.toScale(0.2)).isCloseTo(-Math.log(0.8), within(1e-15));
        assertThat(rel.fromScale(-Math.log(0.8))).isCloseTo(0.2, within(1e-15));
    }

    @Test
    void claimFileSpellings() {
        assertThat(Direction.LESS.label()).isEqualTo("less");
        assertThat(Kind.EQUIVALENCE.label()).isEqualTo("equivalence");
        assertThat(PrimaryTest.PAIRED_T.label()).isEqualTo("paired-t");
        assertThat(PrimaryTest.WILCOXON.label()).isEqualTo("wilcoxon");
    }
}
