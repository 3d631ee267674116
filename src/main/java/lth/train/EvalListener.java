package lth.train;

/**
 * Told by {@link Trainer#train} after every evaluation of a run, in iteration order: for progress
 * output only. It reads numbers the run has already computed; nothing it does changes the run.
 */
@FunctionalInterface
public interface EvalListener {
    /** Listens to nothing (the default of every {@code train} overload without a listener). */
    EvalListener NONE = e -> { };

    /**
     * One evaluation: after {@code iteration} of the run's {@code iterations} (a resumed run starts at
     * {@code first}), its validation loss and accuracy (percent), and the seconds since the run began.
     */
    record Evaluation(int iteration, int first, int iterations, double valLoss, double valAccuracy, double seconds) {
        /** Estimated seconds left of this run, at the pace so far. */
        public double secondsLeft() {
            int done = iteration - first;
            return done <= 0 ? 0 : seconds / done * (iterations - iteration);
        }
    }

    void evaluated(Evaluation e);
}
