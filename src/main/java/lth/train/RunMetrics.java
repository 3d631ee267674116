package lth.train;

/**
 * What one training run measured. The early-stop iteration is the evaluation point of minimum
 * validation loss (never chosen on the test set); test accuracy is read at that point and at the end.
 * A diverged run (non-finite loss) keeps its real, chance-level accuracies and is counted as such.
 */
public record RunMetrics(int[] evalIterations, double[] valLoss, double[] valAccuracy, double[] testAccuracy,
                         int esIteration, double testAccuracyAtEs, double testAccuracyFinal,
                         boolean diverged, double pmPercent, double seconds) {

    /** A metric by the name claim files use. Accuracies are in percent. */
    public double metric(String name) {
        return switch (name) {
            case "es_iteration" -> esIteration;
            case "test_accuracy_at_es" -> testAccuracyAtEs;
            case "test_accuracy_final" -> testAccuracyFinal;
            case "min_validation_loss" -> valLoss[indexOf(esIteration)];
            default -> throw new IllegalArgumentException("unknown metric '" + name + "'; known: " + METRICS);
        };
    }

    public static final java.util.List<String> METRICS =
            java.util.List.of("es_iteration", "test_accuracy_at_es", "test_accuracy_final", "min_validation_loss");

    private int indexOf(int iteration) {
        for (int i = 0; i < evalIterations.length; i++) if (evalIterations[i] == iteration) return i;
        throw new IllegalStateException("no evaluation at " + iteration);
    }
}
