package lth.train;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * A line inside a long run, at most one per {@code interval} seconds of the run's wall time (never
 * more often; a run shorter than the interval prints nothing): the iteration, validation loss and
 * accuracy, elapsed time and the estimated time left of this run, e.g.
 * {@code [LTH-3] reinit level 4, seed 2 | it 12000/50000 val loss 0.0712 acc 97.84% | 6m12s, ~19m40s left}.
 */
public final class RunProgress implements EvalListener {
    /** The default interval between two lines of one run, in seconds. */
    public static final double INTERVAL = 30;

    private final String label;
    private final double interval;
    private final Consumer<String> out;
    private double last;            // the run's seconds at the last line (0: its start)

    public RunProgress(String label, double interval, Consumer<String> out) {
        if (!(interval > 0)) throw new IllegalArgumentException("progress interval must be > 0 s, got " + interval);
        this.label = label;
        this.interval = interval;
        this.out = out;
    }

    /** Prints to standard output every {@link #INTERVAL} seconds. */
    public static RunProgress of(String label) { return new RunProgress(label, INTERVAL, System.out::println); }

    @Override
    public void evaluated(Evaluation e) {
        if (e.seconds() - last < interval) return;
        last = e.seconds();
        out.accept(line(label, e));
    }

    static String line(String label, Evaluation e) {
        return String.format(Locale.ROOT, "%s | it %d/%d val loss %.4f acc %.2f%% | %s, ~%s left", label, e.iteration(),
                e.iterations(), e.valLoss(), e.valAccuracy(), time(e.seconds()), time(e.secondsLeft()));
    }

    /** 7s, 6m12s, 2h05m. */
    static String time(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", s % 3600 / 60) + "m";
    }
}
