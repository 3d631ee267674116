package lth.experiment;

import lth.train.Checkpoint;
import lth.train.Checkpoints;

/**
 * One run's checkpoints in the run store, as {@link lth.train.Trainer#train} asks for them: it resumes
 * from the stored checkpoint if there is one, replaces it as the run goes on, and says both in the
 * progress output ("resumed at iteration k", "checkpoint at iteration k (size, write time)"). Once
 * {@code stop} says so (the night's budget is spent), the run stops right after a checkpoint is written
 * ({@link RunStopped}); a failed write does not stop it (nothing would be kept).
 */
final class StoreCheckpoints implements Checkpoints {
    private final RunCheckpoints store;
    private final RunSpec spec;
    private final int every;
    private final Progress progress;
    private final java.util.function.BooleanSupplier stop;
    private int resumedAt;

    StoreCheckpoints(RunCheckpoints store, RunSpec spec, int every, Progress progress) {
        this(store, spec, every, progress, () -> false);
    }

    StoreCheckpoints(RunCheckpoints store, RunSpec spec, int every, Progress progress, java.util.function.BooleanSupplier stop) {
        this.store = store;
        this.spec = spec;
        this.every = every;
        this.progress = progress;
        this.stop = stop;
    }

    @Override public int every() { return every; }

    @Override public Checkpoint resume() { return store.get(spec).orElse(null); }

    @Override
    public void resumed(Checkpoint c) {
        resumedAt = c.iteration();
        progress.resumed(spec, c.iteration(), c.seconds(), store.file(spec));
    }

    @Override
    public void save(Checkpoint c) {
        long t = System.nanoTime();
        long bytes = store.put(spec, c);
        if (bytes < 0) return;
        progress.checkpointed(spec, c.iteration(), bytes, (System.nanoTime() - t) / 1e9);
        if (stop.getAsBoolean()) {
            progress.stopped(spec, c.iteration());
            throw new RunStopped(spec, c.iteration());
        }
    }

    /** The iteration the run continued from; 0 when it started from its beginning. */
    int resumedAt() { return resumedAt; }
}
