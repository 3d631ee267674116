package lth.stats;

import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * One-sided Wilcoxon signed-rank test. Written here, not taken from commons-math3, because its
 * {@code WilcoxonSignedRankTest} is two-sided only, its exact p ignores ties, counts zero differences as
 * negative and can exceed 1 — all of which distort a one-sided p at n = 3..10.
 * Zeros are dropped (Wilcoxon's convention, as in R); ties get mid-ranks and the exact p is the
 * permutation p over all 2^n sign flips of the observed ranks, computed by dynamic programming on doubled ranks.
 * Above {@link #EXACT_MAX_N} nonzero values: normal approximation with tie and continuity correction.
 */
final class SignedRank {
    static final int EXACT_MAX_N = 60;
    private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

    private SignedRank() {}

    /** p for H1: location of x &gt; 0. */
    static double pGreater(double[] x) {
        int n = 0;
        for (double v : x) if (v != 0) n++;
        if (n == 0) return 1.0;
        double[] abs = new double[n];
        boolean[] positive = new boolean[n];
        int k = 0;
        for (double v : x) {
            if (v == 0) continue;
            abs[k] = Math.abs(v);
            positive[k++] = v > 0;
        }
        double[] ranks = RANKING.rank(abs);
        int[] doubled = new int[n];
        int wPlus2 = 0;
        for (int i = 0; i < n; i++) {
            doubled[i] = (int) Math.round(2 * ranks[i]); // mid-ranks are multiples of 1/2
            if (positive[i]) wPlus2 += doubled[i];
        }
        return n <= EXACT_MAX_N ? exactUpperTail(doubled, wPlus2) : normalUpperTail(ranks, wPlus2 / 2.0);
    }

    /** p for H1: location of x &lt; 0. */
    static double pLess(double[] x) {
        double[] neg = new double[x.length];
        for (int i = 0; i < x.length; i++) neg[i] = -x[i];
        return pGreater(neg);
    }

    /**
     * Smallest W+ (integer ranks 1..n, no ties) whose exact upper-tail p is &lt; alpha; n(n+1)/2 + 1 (never) if
     * none. Used by the power simulation, which must reject exactly when {@link #pGreater} would.
     */
    static int criticalValue(int n, double alpha) {
        int[] doubled = new int[n];
        for (int i = 0; i < n; i++) doubled[i] = 2 * (i + 1);
        double[] ways = ways(doubled);
        int max = n * (n + 1) / 2;
        double total = Math.pow(2, n), tail = 0;
        int critical = max + 1;
        for (int w = max; w >= 0; w--) { // accumulate the upper tail from the top
            tail += ways[2 * w];
            if (tail / total < alpha) critical = w;
            else break;
        }
        return critical;
    }

    /** P(sum of a random sign subset of the (doubled) ranks &gt;= observed), all 2^n subsets equally likely. */
    private static double exactUpperTail(int[] doubled, int observed) {
        double[] ways = ways(doubled);
        double tail = 0;
        for (int s = Math.max(0, observed); s < ways.length; s++) tail += ways[s];
        return Math.min(1.0, tail / Math.pow(2, doubled.length));
    }

    /** ways[s] = number of sign subsets whose (doubled) positive-rank sum is s. */
    private static double[] ways(int[] doubled) {
        int total = 0;
        for (int r : doubled) total += r;
        double[] ways = new double[total + 1];
        ways[0] = 1;
        int reach = 0;
        for (int r : doubled) {
            for (int s = reach; s >= 0; s--) if (ways[s] != 0) ways[s + r] += ways[s];
            reach += r;
        }
        return ways;
    }

    private static double normalUpperTail(double[] ranks, double wPlus) {
        int n = ranks.length;
        double mean = n * (n + 1) / 4.0;
        double var = n * (n + 1) * (2.0 * n + 1) / 24.0;
        double[] sorted = ranks.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < n; ) { // tie correction: sum (t^3 - t) / 48 over tie groups
            int j = i;
            while (j < n && sorted[j] == sorted[i]) j++;
            double t = j - i;
            var -= (t * t * t - t) / 48.0;
            i = j;
        }
        if (var <= 0) return wPlus > mean ? 0.0 : 1.0;
        double z = (wPlus - mean - 0.5) / Math.sqrt(var);
        return NoncentralT.phi(-z);
    }
}
