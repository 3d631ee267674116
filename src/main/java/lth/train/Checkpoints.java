package lth.train;

/**
 * Where {@link Trainer#train} keeps a run's mid-run checkpoints and how often it writes one. Saving
 * reads the run's state; nothing here changes what the run computes (an uninterrupted run gives the
 * same bits with or without checkpoints, and a resumed one the same bits as an uninterrupted one).
 */
public interface Checkpoints {
    /** {@link #every()}: a checkpoint about every {@link CheckpointSchedule#INTERVAL} seconds of the run's measured wall time. */
    int AUTO = -1;

    /** No checkpoints and nothing to resume (every {@code train} overload without this argument). */
    Checkpoints NONE = new Checkpoints() {
        @Override public int every() { return 0; }
        @Override public Checkpoint resume() { return null; }
        @Override public void save(Checkpoint c) { }
    };

    /** Iterations between two checkpoints, {@link #AUTO}, or 0 for none. */
    int every();

    /** The checkpoint to continue from, or null to start the run at its configured start. */
    Checkpoint resume();

    /** Told once the checkpoint {@link #resume()} gave has been checked against the run and put back (progress output). */
    default void resumed(Checkpoint c) { }

    /** Keeps {@code c}, replacing the previous checkpoint of the run. */
    void save(Checkpoint c);

    /** {@code -Dlth.checkpoint.every}: iterations between checkpoints (0: none); unset: {@link #AUTO}. */
    static int everyFromProperties() {
        String v = System.getProperty("lth.checkpoint.every");
        if (v == null || v.isBlank()) return AUTO;
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("-Dlth.checkpoint.every=" + v + " must be a number of iterations >= 0"
                + " (0: no checkpoints; leave it unset for one about every " + (int) CheckpointSchedule.INTERVAL / 60 + " minutes)");
    }
}
