package lth.train;

/**
 * How long and how a network is trained: iterations at a batch size, validation every {@code evalEvery}.
 * {@code startIteration} &gt; 0 resumes a run at that iteration (late resetting / rewinding to k):
 * the learning-rate schedule and the data order continue from k, iterations k..iterations-1 are run.
 */
public record TrainConfig(int iterations, int batch, int evalEvery, int startIteration, boolean augment,
                          boolean testAtEsAndEnd) {
    public TrainConfig {
        if (iterations <= 0) throw new IllegalArgumentException("iterations must be > 0, got " + iterations);
        if (batch <= 0) throw new IllegalArgumentException("batch must be > 0, got " + batch);
        if (evalEvery <= 0 || evalEvery > iterations)
            throw new IllegalArgumentException("eval_every must be in 1.." + iterations + ", got " + evalEvery);
        if (startIteration < 0 || startIteration >= iterations)
            throw new IllegalArgumentException("start iteration must be in 0.." + (iterations - 1) + ", got " + startIteration);
    }

    public TrainConfig(int iterations, int batch, int evalEvery) { this(iterations, batch, evalEvery, 0, false, false); }

    public TrainConfig(int iterations, int batch, int evalEvery, int startIteration) {
        this(iterations, batch, evalEvery, startIteration, false, false);
    }

    public TrainConfig(int iterations, int batch, int evalEvery, int startIteration, boolean augment) {
        this(iterations, batch, evalEvery, startIteration, augment, false);
    }

    /** The same configuration, resumed at iteration {@code k}. */
    public TrainConfig startingAt(int k) { return new TrainConfig(iterations, batch, evalEvery, k, augment, testAtEsAndEnd); }

    /** The same configuration with random flips and 4-pixel pad-and-crop of each training image. */
    public TrainConfig augmented(boolean on) { return new TrainConfig(iterations, batch, evalEvery, startIteration, on, testAtEsAndEnd); }

    /**
     * The same configuration, scoring the test set only at the early-stop point and at the end (from
     * the weights kept at the best validation loss) instead of at every evaluation. Every metric a
     * claim reads is the same number either way; only the stored test-accuracy curve has gaps (NaN).
     */
    public TrainConfig testAtEsAndEnd(boolean on) { return new TrainConfig(iterations, batch, evalEvery, startIteration, augment, on); }

    /** Run-key text; a start of 0 and the defaults add nothing, so older keys stay valid. */
    public String canonical() {
        return "it=" + iterations + ",b=" + batch + ",eval=" + evalEvery + (startIteration == 0 ? "" : ",start=" + startIteration)
                + (augment ? ",aug=flip+crop4" : "") + (testAtEsAndEnd ? ",test=es+end" : "");
    }
}
