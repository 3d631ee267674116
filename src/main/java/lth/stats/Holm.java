package lth.stats;

import java.util.Arrays;
import java.util.Comparator;

/** Holm step-down adjustment: controls the family-wise error rate for any dependence between comparisons. */
public final class Holm {
    private Holm() {}

    /**
     * Adjusted p-values in input order: sorted ascending, p_(i) * (m - i + 1), made monotone by a running max,
     * capped at 1. NaN (an undefined p) counts as 1, so it still widens the family instead of vanishing.
     */
    public static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> clean(p[i])));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1.0, (m - rank) * clean(p[i])));
            adjusted[i] = running;
        }
        return adjusted;
    }

    private static double clean(double p) {
        return Double.isNaN(p) ? 1.0 : p;
    }
}
