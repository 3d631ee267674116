package lth.stats;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.special.Gamma;

/**
 * E[g(S)] for S ~ chi with nu degrees of freedom (S^2 ~ chi-square(nu)), by composite Gauss-Legendre quadrature.
 * Both the noncentral t CDF and the exact TOST power are such one-dimensional expectations over the sample sd.
 * Integrating over S rather than S^2 keeps the density bounded for nu = 1 (n = 2 seeds).
 */
final class ChiIntegral {
    private static final int PANELS = 8;
    private static final GaussIntegrator RULE = new GaussIntegratorFactory().legendre(16); // nodes on [-1, 1]
    private static final double HALF_WIDTH = 9.0; // the chi density is negligible beyond sqrt(nu) +- 9

    private ChiIntegral() {}

    /** Integrates g(s) * chi_nu(s) over s in [lo, hi] intersected with the support window. */
    static double expect(double nu, DoubleUnaryOperator g, double lo, double hi) {
        double centre = Math.sqrt(nu);
        double a = Math.max(Math.max(0.0, lo), centre - HALF_WIDTH);
        double b = Math.min(hi, centre + HALF_WIDTH);
        if (!(b > a)) return 0.0;
        double logNorm = (nu / 2 - 1) * Math.log(2) + Gamma.logGamma(nu / 2);
        double h = (b - a) / PANELS;
        double sum = 0;
        for (int p = 0; p < PANELS; p++) {
            double mid = a + (p + 0.5) * h;
            for (int i = 0; i < RULE.getNumberOfPoints(); i++) {
                double s = mid + 0.5 * h * RULE.getPoint(i);
                if (s <= 0) continue;
                double logDensity = (nu - 1) * Math.log(s) - 0.5 * s * s - logNorm;
                sum += 0.5 * h * RULE.getWeight(i) * g.applyAsDouble(s) * Math.exp(logDensity);
            }
        }
        return Math.min(1.0, Math.max(0.0, sum)); // callers integrate probabilities
    }
}
