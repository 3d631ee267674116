package lth.experiment;

/**
 * A run stopped between two iterations because the night's time budget is spent ({@link Experiment#stopWhen}):
 * it stopped right after writing a checkpoint into the store, so the next night resumes it from there, bit
 * for bit. Not an error of the run; nothing is stored for it yet.
 */
public final class RunStopped extends RuntimeException {
    private final transient RunSpec spec;
    private final int iteration;

    public RunStopped(RunSpec spec, int iteration) {
        super(spec.describe() + ": stopped at iteration " + iteration + " (checkpoint kept): the time budget is spent", null, false, false);
        this.spec = spec;
        this.iteration = iteration;
    }

    public RunSpec spec() { return spec; }

    /** The iteration of the checkpoint it stopped at. */
    public int iteration() { return iteration; }

    /** Whether {@code t}, or what it wraps (a future's completion), is a run stopped for the budget. */
    public static boolean is(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) if (c instanceof RunStopped) return true;
        return false;
    }
}
