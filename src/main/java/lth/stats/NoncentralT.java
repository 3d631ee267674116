package lth.stats;

/**
 * CDF of the noncentral t distribution (commons-math3 has none). Exact representation, not an approximation:
 * T = (Z + lambda) / (S / sqrt(nu)) with S ~ chi(nu), so P(T &lt;= t) = E[ Phi(t S / sqrt(nu) - lambda) ],
 * evaluated by quadrature over S (absolute error ~1e-9, checked against scipy values and simulation in tests).
 */
public final class NoncentralT {
    private NoncentralT() {}

    public static double cdf(double t, double nu, double lambda) {
        if (!(nu > 0)) throw new IllegalArgumentException("nu must be > 0: " + nu);
        if (Double.isNaN(t) || Double.isNaN(lambda)) return Double.NaN;
        if (t == Double.POSITIVE_INFINITY) return 1.0;
        if (t == Double.NEGATIVE_INFINITY) return 0.0;
        if (lambda == Double.POSITIVE_INFINITY) return 0.0;
        if (lambda == Double.NEGATIVE_INFINITY) return 1.0;
        double scale = t / Math.sqrt(nu);
        return ChiIntegral.expect(nu, s -> phi(scale * s - lambda), 0, Double.POSITIVE_INFINITY);
    }

    /**
     * Standard normal CDF by Hart's double-precision algorithm as given by West (2005), "Better approximations to
     * cumulative normal functions": ~1e-15 accuracy (tested against commons-math3) at a fraction of the cost of
     * commons' Erf, which goes through the incomplete gamma function and dominated every power integral.
     */
    static double phi(double x) {
        double z = Math.abs(x);
        double c;
        if (z > 37) {
            c = 0;
        } else if (z < 7.07106781186547) {
            double e = Math.exp(-z * z / 2);
            double num = ((((((3.52624965998911e-02 * z + 0.700383064443688) * z + 6.37396220353165) * z
                    + 33.912866078383) * z + 112.079291497871) * z + 221.213596169931) * z + 220.206867912376);
            double den = (((((((8.83883476483184e-02 * z + 1.75566716318264) * z + 16.064177579207) * z
                    + 86.7807322029461) * z + 296.564248779674) * z + 637.333633378831) * z + 793.826512519948) * z
                    + 440.413735824752);
            c = e * num / den;
        } else {
            double e = Math.exp(-z * z / 2);
            double b = z + 1 / (z + 2 / (z + 3 / (z + 4 / (z + 0.65))));
            c = e / b / 2.506628274631;
        }
        return x > 0 ? 1 - c : c;
    }
}
