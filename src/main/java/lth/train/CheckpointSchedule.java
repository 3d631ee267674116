package lth.train;

/**
 * When a run writes its checkpoints. With a fixed {@code every} = N: after every iteration that is a
 * multiple of N (so a resumed run keeps the same positions). With {@link Checkpoints#AUTO}: the run's
 * pace is measured over its first {@link #PROBE} iterations (evaluations included) and the first
 * checkpoint is placed {@link #INTERVAL} seconds ahead at that pace; each checkpoint places the next
 * at the pace measured since the previous one. A run that would end within the interval writes none,
 * so short runs never pay for checkpoints. Never after the last iteration: the finished run is stored.
 */
final class CheckpointSchedule {
    /** Seconds of wall time between two automatic checkpoints. */
    static final double INTERVAL = 300;
    /** Iterations the pace is measured over before the first automatic checkpoint is placed. */
    static final int PROBE = 10;

    private final int every, first, iterations;
    private final double interval;
    private int next, lastDone;
    private double lastSeconds;
    private boolean placed;

    CheckpointSchedule(int every, int first, int iterations, double interval) {
        if (every < Checkpoints.AUTO) throw new IllegalArgumentException("checkpoint interval must be >= 0 iterations, got " + every);
        this.every = every;
        this.first = first;
        this.iterations = iterations;
        this.interval = interval;
        this.next = first + PROBE;
        this.lastDone = first;
    }

    /** Whether to write a checkpoint now, after {@code done} iterations and {@code seconds} of this session's wall time. */
    boolean due(int done, double seconds) {
        if (every == 0 || done >= iterations) return false;
        if (every > 0) return done % every == 0;
        if (done < next) return false;
        double pace = (seconds - lastSeconds) / (done - lastDone);
        next = done + (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2, Math.round(interval / pace)));
        lastDone = done;
        lastSeconds = seconds;
        boolean write = placed;
        placed = true;
        return write;
    }
}
