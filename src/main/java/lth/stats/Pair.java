package lth.stats;

/**
 * One comparison of a claim (e.g. one pruning level): arm A and arm B, index = seed, so a[i] and b[i]
 * were trained from the same seed. Validated by {@link PairedAnalysis} (the label is named in errors).
 * {@code cappedA}/{@code cappedB}: the fraction of each arm's runs that early-stopped at their last evaluation
 * (NaN when unknown or not runs, e.g. a threshold); decides early-stop comparisons, see {@link Hypothesis#earlyStop}.
 */
public record Pair(String label, double[] a, double[] b, double cappedA, double cappedB) {
    public Pair(String label, double[] a, double[] b) {
        this(label, a, b, Double.NaN, Double.NaN);
    }
}
