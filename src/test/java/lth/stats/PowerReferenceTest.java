package lth.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Power, the noncentral t and the chi quadrature against independent references: exact values computed with
 * SciPy 1.17 (scipy.integrate.quad over scipy.stats.chi of the formulas in the javadoc, scipy.stats.nct,
 * scipy.stats.chi.cdf), mpmath at 40 digits for the normal tail, and 10^6-replicate NumPy simulations for the
 * signed-rank power. Also the argument checks at their exact boundaries.
 */
class PowerReferenceTest {

    /** Power caches t quantiles, normals and signed-rank powers in static maps; start each test from empty ones
     * so every test computes what it asserts (mutation testing swaps code into one JVM, where a warm cache would
     * hide a changed computation). */
    @BeforeEach
    void emptyCaches() throws ReflectiveOperationException {
        for (String name : new String[] {"WILCOXON_CACHE", "NORMALS", "T_QUANTILES"}) {
            Field f = Power.class.getDeclaredField(name);
            f.setAccessible(true);
            ((Map<?, ?>) f.get(null)).clear();
        }
    }

    @Test
    void tostPowerMatchesQuadrature() {
        // scipy: quad of max(0, 2 Phi(sqrt(n) b - c s/sqrt(nu)) - 1) * chi.pdf(s, nu) over [0, sqrt(n) b sqrt(nu)/c]
        assertThat(Power.tost(5, 1.0, 0.3)).isCloseTo(0.9049929939885961, within(1e-7)); // t quantile < 1
        assertThat(Power.tost(2, 2.0, 0.05)).isCloseTo(0.2514191613905584, within(1e-7)); // nu = 1
        assertThat(Power.tost(6, 1.2, 0.05)).isCloseTo(0.6300109249355038, within(1e-7));
        assertThat(Power.tost(2, 3.0, 0.2)).isCloseTo(0.9752884838807088, within(1e-7));
        assertThat(Power.tost(1, 3.0, 0.2)).isZero();
        assertThat(Power.tost(4, Double.POSITIVE_INFINITY, 0.05)).isEqualTo(1.0);
    }

    @Test
    void refutationPowerMatchesQuadrature() {
        // scipy: nct.sf(t.ppf(1-a, nu), nu, dz sqrt(n)) minus quad of the "both" term in Power.refutation's javadoc;
        // (8, 1.0, 0.05) also by a 400,000-replicate simulation of the rule itself: 0.79966.
        assertThat(Power.refutation(8, 1.0, 0.05)).isCloseTo(0.79981687322302, within(1e-7));
        assertThat(Power.refutation(5, 1.5, 0.025)).isCloseTo(0.6966789707815086, within(1e-7));
        assertThat(Power.refutation(12, 0.9, 0.05)).isCloseTo(0.8812955696966757, within(1e-7));
        assertThat(Power.refutation(3, 2.0, 0.2)).isCloseTo(0.796131022833022, within(1e-7));
        assertThat(Power.pairedT(3, 2.0, 0.2)).isCloseTo(0.98708071578346, within(1e-7));
        assertThat(Power.refutation(1, 2.0, 0.2)).isZero();
    }

    @Test
    void pairedTPowerEdges() {
        assertThat(Power.pairedT(5, Double.NaN, 0.05)).isNaN();
        assertThat(Power.pairedT(1, 3.0, 0.05)).isZero();
        assertThat(Power.oneSided(PrimaryTest.PAIRED_T, 5, 1.5, 0.05)).isCloseTo(0.8619466, within(1e-5));
    }

    @Test
    void signedRankPowerMatchesSimulation() {
        // The exact size under H0 at n = 10: P(W+ >= 45) = 43/1024 (tables; the power's SE at 4000 replicates is 0.003).
        assertThat(Power.wilcoxon(10, 0.0, 0.05)).isCloseTo(43 / 1024.0, within(0.01));
        // NumPy, 10^6 replicates of W+ >= the exact critical value (31 at n = 8, 19 at n = 6, 45 at n = 10);
        // rejecting at W+ > critical instead would give 0.684 / 0.393 / 0.546.
        assertThat(Power.wilcoxon(8, 1.0, 0.05)).isCloseTo(0.7555, within(0.025));
        assertThat(Power.wilcoxon(6, 0.8, 0.05)).isCloseTo(0.4909, within(0.025));
        assertThat(Power.wilcoxon(10, 0.7, 0.05)).isCloseTo(0.6014, within(0.025));
        assertThat(Power.oneSided(PrimaryTest.WILCOXON, 10, 0.7, 0.05)).isCloseTo(0.6014, within(0.025));
        // n = 2 at alpha 0.3: rejects iff both differences are positive, power Phi(1)^2 = 0.70786.
        assertThat(Power.wilcoxon(2, 1.0, 0.3)).isCloseTo(0.7078609, within(0.025));
        assertThat(Power.wilcoxon(1, 1.0, 0.3)).isZero();
        assertThat(Power.wilcoxon(8, Double.NaN, 0.05)).isNaN();
        // Above 60 the test itself (normal approximation) is simulated: NumPy, 10^5 replicates at n = 61: 0.7347.
        assertThat(Power.wilcoxon(61, 0.3, 0.05)).isCloseTo(0.7347, within(0.025));
    }

    @Test
    void signedRankPowerIsZeroExactlyWhenAllPositiveCannotReachAlpha() {
        // n = 5: all five positive has p = 1/32; at alpha = 1/32 the test (p < alpha) can never reject.
        assertThat(Power.wilcoxon(5, 5.0, 1 / 32.0)).isZero();
        assertThat(Power.wilcoxon(5, 5.0, 1 / 32.0 + 1e-9)).isGreaterThan(0.99);
    }

    @Test
    void seedCountsScaleWithTheEffectInSdUnits() {
        // Only minEffect/sd (and bound/sd) matter.
        assertThat(Power.seedsForEquivalence(0.5, 0.75, 0.05, 0.8)).isEqualTo(Power.seedsForEquivalence(1.0, 1.5, 0.05, 0.8));
        assertThat(Power.seedsForEquivalence(2.0, 1.0, 0.05, 0.8)).isEqualTo(Power.seedsForEquivalence(1.0, 0.5, 0.05, 0.8));
        int n = Power.seedsForEquivalence(2.0, 1.0, 0.05, 0.8);
        assertThat(Power.tost(n, 0.5, 0.05)).isGreaterThanOrEqualTo(0.8);
        assertThat(Power.tost(n - 1, 0.5, 0.05)).isLessThan(0.8);
    }

    @Test
    void seedsForRejectsArgumentsAtTheirBoundaries() {
        // Each check is told apart from the search giving up ("more than 1000 seeds"), also an IllegalArgumentException.
        Object[][] bad = {{0.0, 1.0, 0.05, 0.8, "sd must be > 0"}, {1.0, 0.0, 0.05, 0.8, "minEffect must be > 0"},
                {1.0, 1.0, 0.0, 0.8, "alpha must be in (0, 0.5)"}, {1.0, 1.0, 0.5, 0.8, "alpha must be in (0, 0.5)"},
                {1.0, 1.0, 0.05, 0.0, "target power must be in (0, 1)"}, {1.0, 1.0, 0.05, 1.0, "target power must be in (0, 1)"},
                {Double.POSITIVE_INFINITY, 1.0, 0.05, 0.8, "sd must be > 0"}, {1.0, Double.NaN, 0.05, 0.8, "minEffect must be > 0"}};
        for (Object[] b : bad)
            assertThatThrownBy(() -> Power.seedsFor((double) b[0], (double) b[1], (double) b[2], (double) b[3]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining((String) b[4]);
        Object[][] badEq = {{0.0, 1.0, 0.05, 0.8, "sd must be > 0"}, {1.0, 0.0, 0.05, 0.8, "bound must be > 0"},
                {1.0, 1.0, 0.05, 0.0, "target power must be in (0, 1)"}, {1.0, 1.0, 0.05, 1.0, "target power must be in (0, 1)"},
                {1.0, Double.POSITIVE_INFINITY, 0.05, 0.8, "bound must be > 0"}};
        for (Object[] b : badEq)
            assertThatThrownBy(() -> Power.seedsForEquivalence((double) b[0], (double) b[1], (double) b[2], (double) b[3]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining((String) b[4]);
        assertThat(Power.seedsFor(1, 3, 0.4999, 0.0001)).isEqualTo(2);
        // NOT REPRODUCED at the margin is capped at 1 - alpha: a target there is unreachable, said so (not "more than 1000")
        assertThatThrownBy(() -> Power.seedsFor(1, 3, 0.05, 0.95)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of reach").hasMessageContaining("1 - alpha = 0.950");
        assertThat(Power.seedsFor(1, 3, 0.05, 0.94)).isBetween(2, 1000);
        assertThat(Power.seedsForEquivalence(1, 100, 0.05, 0.0001)).isEqualTo(2);
        assertThatThrownBy(() -> Power.seedsForEquivalence(1, 0.001, 0.05, 0.8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 1000 seeds");
    }

    @Test
    void noncentralTEdges() {
        assertThatThrownBy(() -> NoncentralT.cdf(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(NoncentralT.cdf(Double.NaN, 3, 0)).isNaN();
        assertThat(NoncentralT.cdf(1, 3, Double.NaN)).isNaN();
        assertThat(NoncentralT.cdf(Double.POSITIVE_INFINITY, 3, 1)).isEqualTo(1.0);
        assertThat(NoncentralT.cdf(Double.NEGATIVE_INFINITY, 3, 1)).isEqualTo(0.0);
        assertThat(NoncentralT.cdf(1, 3, Double.POSITIVE_INFINITY)).isEqualTo(0.0);
        assertThat(NoncentralT.cdf(1, 3, Double.NEGATIVE_INFINITY)).isEqualTo(1.0);
        assertThat(NoncentralT.cdf(1, 1e-9, 0)).isBetween(0.0, 1.0);
    }

    @Test
    void normalTailIsRelativelyAccurate() {
        // mpmath.ncdf at 40 digits; the far tail (|x| >= 7.07) takes the continued fraction branch.
        double[][] ref = {{-7.1, 6.2378444633315911e-13}, {-8, 6.2209605742717841e-16}, {-10, 7.6198530241605261e-24},
                {-20, 2.7536241186062337e-89}, {-30, 4.9067139271481871e-198}, {-36.9, 2.3105244811406175e-298},
                {-37, 5.7255712225245768e-300}};
        for (double[] r : ref) {
            assertThat(NoncentralT.phi(r[0])).as("Phi(%s)", r[0]).isCloseTo(r[1], within(1e-8 * r[1])); // ~4e-9 relative at 7.1
            assertThat(NoncentralT.phi(-r[0])).as("Phi(%s)", -r[0]).isEqualTo(1 - r[1], within(1e-16));
        }
        assertThat(NoncentralT.phi(-37.01)).isZero();
        assertThat(NoncentralT.phi(0)).isEqualTo(0.5, within(1e-16));
    }

    @Test
    void chiIntegralIsTheChiDistribution() {
        // scipy.stats.chi: cdf(1, 3), cdf(2, 4) - cdf(0.5, 4), mean of chi(1) = sqrt(2/pi)
        assertThat(ChiIntegral.expect(3, s -> 1, 0, 1)).isCloseTo(0.19874804309879915, within(1e-10));
        assertThat(ChiIntegral.expect(4, s -> 1, 0.5, 2)).isCloseTo(0.5868031656978314, within(1e-10));
        assertThat(ChiIntegral.expect(1, s -> s, 0, Double.POSITIVE_INFINITY)).isCloseTo(0.7978845608028655, within(1e-8));
        assertThat(ChiIntegral.expect(4, s -> 1, 2, 2)).isZero();
        assertThat(ChiIntegral.expect(4, s -> 1, 3, 2)).isZero();
        assertThat(ChiIntegral.expect(4, s -> 2, 0, Double.POSITIVE_INFINITY)).isEqualTo(1.0); // clamped
        assertThat(ChiIntegral.expect(4, s -> -1, 0, Double.POSITIVE_INFINITY)).isZero();
    }
}
