package lth.stats;

/**
 * One comparison of a claim (e.g. one pruning level): arm A and arm B, index = seed, so a[i] and b[i]
 * were trained from the same seed. Validated by {@link PairedAnalysis} (the label is named in errors).
 */
public record Pair(String label, double[] a, double[] b) {}
