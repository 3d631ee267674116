package lth.train;

/** How long and how a network is trained: iterations at a batch size, validation every {@code evalEvery}. */
public record TrainConfig(int iterations, int batch, int evalEvery) {
    public TrainConfig {
        if (iterations <= 0) throw new IllegalArgumentException("iterations must be > 0, got " + iterations);
        if (batch <= 0) throw new IllegalArgumentException("batch must be > 0, got " + batch);
        if (evalEvery <= 0 || evalEvery > iterations)
            throw new IllegalArgumentException("eval_every must be in 1.." + iterations + ", got " + evalEvery);
    }

    public String canonical() { return "it=" + iterations + ",b=" + batch + ",eval=" + evalEvery; }
}
