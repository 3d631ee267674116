package lth.train;

/**
 * What one training run measured. The early-stop iteration is the evaluation point of minimum
 * validation loss (never chosen on the test set); test accuracy is read at that point and at the end.
 * A diverged run (non-finite loss) keeps its real, chance-level accuracies and is counted as such.
 *
 * <p>The arrays keep what was measured, NaN and infinity included (the store writes them as the JSON
 * strings "NaN" / "Infinity"). The metrics claims use ({@link #metric}) are always finite, because the
 * statistics reject non-finite values and a diverged run must be counted, not dropped: accuracies are
 * finite by construction (counts of correct predictions), and a non-finite validation loss reads as
 * {@link #LOSS_CEILING}, the largest value the clipped cross-entropy can take (every example given
 * probability 0), i.e. the worst loss there is.
 */
public record RunMetrics(int[] evalIterations, double[] valLoss, double[] valAccuracy, double[] testAccuracy,
                         int esIteration, double testAccuracyAtEs, double testAccuracyFinal,
                         boolean diverged, double pmPercent, double seconds) {

    /** A metric by the name claim files use, a diverged run counted as not learning at its last evaluation
     * (see {@link #metric(String, int)}: prefer that, with the run's configured iterations). */
    public double metric(String name) {
        return metric(name, evalIterations.length == 0 ? esIteration : evalIterations[evalIterations.length - 1]);
    }

    /**
     * A metric by the name claim files use, for the statistics. Accuracies are in percent. A diverged run
     * counts as not learning: its early-stop iteration is {@code lastIteration} (the run's configured last
     * iteration, as if it never reached a validation minimum) and its accuracy at early stop is its final
     * (chance-level) accuracy, not the pre-divergence value. The stored fields are unchanged.
     */
    public double metric(String name, int lastIteration) {
        return switch (name) {
            case "es_iteration" -> diverged ? lastIteration : esIteration;
            case "test_accuracy_at_es" -> diverged ? testAccuracyFinal : testAccuracyAtEs;
            case "test_accuracy_final" -> testAccuracyFinal;
            case "min_validation_loss" -> finiteLoss(valLoss[indexOf(esIteration)]);
            default -> throw new IllegalArgumentException("unknown metric '" + name + "'; known: " + METRICS);
        };
    }

    /** -ln(1e-12): the cross-entropy of {@link Trainer#evaluate} when the true class gets probability 0. */
    public static final double LOSS_CEILING = -Math.log(1e-12);

    private static double finiteLoss(double v) { return Double.isFinite(v) ? v : LOSS_CEILING; }

    public static final java.util.List<String> METRICS =
            java.util.List.of("es_iteration", "test_accuracy_at_es", "test_accuracy_final", "min_validation_loss");

    private int indexOf(int iteration) {
        for (int i = 0; i < evalIterations.length; i++) if (evalIterations[i] == iteration) return i;
        throw new IllegalStateException("no evaluation at " + iteration);
    }
}
