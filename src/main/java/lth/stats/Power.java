package lth.stats;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.TDistribution;

/** Power of the tests used by {@link PairedAnalysis}. */
public final class Power {
    /** Monte Carlo size of the signed-rank power; SE at power 0.8 is 0.006. */
    static final int WILCOXON_REPS = 4000;
    private static final long WILCOXON_SEED = 0x5EED_1077L;
    private static final Map<String, Double> WILCOXON_CACHE = new ConcurrentHashMap<>();
    private static final Map<Integer, double[][]> NORMALS = new ConcurrentHashMap<>();

    private Power() {}

    private static final Map<String, Double> T_QUANTILES = new ConcurrentHashMap<>();

    static TDistribution t(int df) {
        return new TDistribution(null, df, 1e-12); // no RNG: we never sample from it
    }

    /** Cached t quantile: the commons solver dominates the cost of an analysis, and levels repeat. */
    static double tQuantile(int df, double p) {
        return T_QUANTILES.computeIfAbsent(df + "|" + p, k -> t(df).inverseCumulativeProbability(p));
    }

    /**
     * Power of the one-sided paired t test at level alpha with n pairs when the true standardized effect
     * (mean difference beyond the null boundary / sd of the differences) is dz. Exact (noncentral t).
     */
    public static double pairedT(int n, double dz, double alpha) {
        if (n < 2) return 0.0;
        if (Double.isNaN(dz)) return Double.NaN;
        double crit = tQuantile(n - 1, 1 - alpha);
        return 1 - NoncentralT.cdf(crit, n - 1, dz * Math.sqrt(n));
    }

    /**
     * Power of the paired-t TOST (both one-sided tests at level alpha) with bounds ±bound/sd = ±boundOverSd
     * when the true difference is 0. Exact: given the sample sd S, TOST rejects iff |mean| &lt; bound - t_crit*se,
     * so power = E[ max(0, 2 Phi(sqrt(n) bound/sd - t_crit S/sqrt(nu)) - 1) ] over S ~ chi(nu).
     */
    public static double tost(int n, double boundOverSd, double alpha) {
        if (n < 2) return 0.0;
        int nu = n - 1;
        double crit = tQuantile(nu, 1 - alpha);
        double shift = Math.sqrt(n) * boundOverSd;
        if (shift == Double.POSITIVE_INFINITY) return 1.0;
        double kink = shift * Math.sqrt(nu) / crit; // beyond this sample sd TOST cannot pass
        return ChiIntegral.expect(nu, s -> Math.max(0, 2 * NoncentralT.phi(shift - crit * s / Math.sqrt(nu)) - 1),
                0, kink);
    }

    /**
     * Power of the exact one-sided signed-rank test (as in {@link SignedRank}) at level alpha, normal differences
     * with standardized shift dz. Simulated, not the t power times the ARE 3/pi: at n = 3..10 the exact test's
     * discreteness dominates (at n = 4 it can never reach p &lt; 0.05, where the ARE shortcut would still claim
     * power). Deterministic (fixed seed, common random numbers); dz is rounded down to 0.01 for caching,
     * which can only lower the reported power.
     */
    public static double wilcoxon(int n, double dz, double alpha) {
        if (n < 2) return 0.0;
        if (Double.isNaN(dz)) return Double.NaN;
        if (Math.pow(0.5, n) >= alpha) return 0.0; // even all-positive differences cannot reach p < alpha
        double grid = Math.floor(Math.min(dz, 12.0) * 100) / 100;
        String key = n + "|" + alpha + "|" + grid;
        return WILCOXON_CACHE.computeIfAbsent(key, k -> simulateWilcoxon(n, grid, alpha));
    }

    private static double simulateWilcoxon(int n, double dz, double alpha) {
        double[][] z = NORMALS.computeIfAbsent(n, m -> {
            SplittableRandom rng = new SplittableRandom(WILCOXON_SEED + m);
            double[][] out = new double[WILCOXON_REPS][m];
            for (double[] row : out) for (int j = 0; j < m; j++) row[j] = rng.nextGaussian();
            return out;
        });
        double[] x = new double[n];
        int hits = 0;
        if (n > SignedRank.EXACT_MAX_N) { // rare: large n, use the test itself
            for (double[] row : z) {
                for (int j = 0; j < n; j++) x[j] = row[j] + dz;
                if (SignedRank.pGreater(x) < alpha) hits++;
            }
            return hits / (double) WILCOXON_REPS;
        }
        // Continuous data: no ties or zeros, so the test rejects iff W+ >= the exact critical value.
        int critical = SignedRank.criticalValue(n, alpha);
        for (double[] row : z) {
            for (int j = 0; j < n; j++) x[j] = Math.abs(row[j] + dz);
            int wPlus = 0;
            for (int i = 0; i < n; i++) {
                if (row[i] + dz <= 0) continue;
                int rank = 1;
                for (int j = 0; j < n; j++) if (x[j] < x[i]) rank++;
                wPlus += rank;
            }
            if (wPlus >= critical) hits++;
        }
        return hits / (double) WILCOXON_REPS;
    }

    /** Power of the chosen one-sided primary test. */
    public static double oneSided(PrimaryTest test, int n, double dz, double alpha) {
        return test == PrimaryTest.WILCOXON ? wilcoxon(n, dz, alpha) : pairedT(n, dz, alpha);
    }

    /** Largest seed count {@link #seedsFor} searches. */
    public static final int MAX_SEEDS = 1000;

    /**
     * Probability of NOT_REPRODUCED for one comparison (paired t, level alpha) when the true difference is the
     * margin and min_effect lies dz sds beyond it: the refutation's power {@link #pairedT} (by symmetry) minus the
     * chance that the interval lies between margin and min_effect, where REPRODUCED takes precedence. Exact: given
     * the sample sd, both happen iff q S/sqrt(n) &lt; mean &lt; dz sd - q S/sqrt(n).
     */
    public static double refutation(int n, double dz, double alpha) {
        if (n < 2) return 0.0;
        int nu = n - 1;
        double q = tQuantile(nu, 1 - alpha), shift = dz * Math.sqrt(n);
        double both = ChiIntegral.expect(nu, s -> Math.max(0, NoncentralT.phi(shift - q * s / Math.sqrt(nu))
                - NoncentralT.phi(q * s / Math.sqrt(nu))), 0, shift * Math.sqrt(nu) / (2 * q));
        return pairedT(n, dz, alpha) - both;
    }

    /**
     * Seeds needed: the smallest n &gt;= 2 at which, with the paired t at level alpha and the given sd of the per-seed
     * differences (a pilot's or a stated prior), the three-outcome rule reaches the target both ways: REPRODUCED
     * when the true difference is minEffect beyond the margin ({@link #pairedT}) and NOT_REPRODUCED when it is the
     * margin ({@link #refutation}, the smaller of the two). Exact (noncentral t).
     * For a family of m levels pass alpha/m (Holm's strictest step). Throws when more than {@link #MAX_SEEDS}
     * would be needed, and when the target is at or above 1 - alpha, which no seed count reaches (the refutation
     * side's ceiling).
     */
    public static int seedsFor(double pilotSd, double minEffect, double alpha, double target) {
        if (!(pilotSd > 0 && Double.isFinite(pilotSd))) throw new IllegalArgumentException("sd must be > 0: " + pilotSd);
        if (!(minEffect > 0 && Double.isFinite(minEffect)))
            throw new IllegalArgumentException("minEffect must be > 0: " + minEffect);
        if (!(alpha > 0 && alpha < 0.5)) throw new IllegalArgumentException("alpha must be in (0, 0.5): " + alpha);
        if (!(target > 0 && target < 1)) throw new IllegalArgumentException("target power must be in (0, 1): " + target);
        if (target >= 1 - alpha)   // at the margin the test still says REPRODUCED with probability alpha
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "target power %.2f is out of reach at alpha %.3g: when the true difference is the margin the rule still says"
                    + " REPRODUCED with probability alpha, so NOT REPRODUCED happens at most 1 - alpha = %.3f of the time,"
                    + " whatever the seeds", target, alpha, 1 - alpha));
        double dz = minEffect / pilotSd;
        for (int n = 2; n <= MAX_SEEDS; n++) if (refutation(n, dz, alpha) >= target) return n;
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                "more than %d seeds needed for power %.2f at dz %.3g (minEffect %.4g / sd %.4g)",
                MAX_SEEDS, target, dz, minEffect, pilotSd));
    }

    /** Seeds needed for TOST power &gt;= target at true difference 0 with bounds ±bound (see {@link #tost}). */
    public static int seedsForEquivalence(double pilotSd, double bound, double alpha, double target) {
        if (!(pilotSd > 0 && Double.isFinite(pilotSd))) throw new IllegalArgumentException("sd must be > 0: " + pilotSd);
        if (!(bound > 0 && Double.isFinite(bound))) throw new IllegalArgumentException("bound must be > 0: " + bound);
        if (!(target > 0 && target < 1)) throw new IllegalArgumentException("target power must be in (0, 1): " + target);
        for (int n = 2; n <= MAX_SEEDS; n++) if (tost(n, bound / pilotSd, alpha) >= target) return n;
        throw new IllegalArgumentException("more than " + MAX_SEEDS + " seeds needed for TOST power " + target);
    }
}
