package lth.experiment;

import lth.train.EvalListener;
import lth.train.RunProgress;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints one line per finished run: which claim, run, how long, and an estimate of the time left; and,
 * inside a long run, a line per evaluation at most every 30 s ({@link RunProgress}).
 */
public final class Progress {
    private final String label;
    private final int planned;
    private final AtomicInteger trained = new AtomicInteger();
    private final AtomicInteger cached = new AtomicInteger();
    private final long start = System.nanoTime();

    public Progress(String label, int planned) {
        this.label = label;
        this.planned = planned;
    }

    void cached(RunSpec spec) { cached.incrementAndGet(); }

    /** A line per evaluation inside a run being trained, at most every {@link RunProgress#INTERVAL} seconds. */
    EvalListener inRun(RunSpec spec) { return RunProgress.of("[" + label + "] " + spec.describe()); }

    void trained(RunSpec spec, double pm, double seconds) {
        int done = trained.incrementAndGet();
        double elapsed = (System.nanoTime() - start) / 1e9;
        int left = Math.max(0, planned - done);   // planned counts only the runs to train: store hits are not in it
        double eta = done == 0 ? 0 : elapsed / done * left;
        System.out.printf("[%s] %-28s Pm %5.1f%%  %5.1fs | %s trained, %d from store | elapsed %s, ~%s left%n",
                label, spec.describe(), pm, seconds, planned >= done ? done + "/" + planned : String.valueOf(done),
                cached.get(), fmt(elapsed), fmt(eta));
    }

    private static String fmt(double s) {
        Duration d = Duration.ofSeconds((long) s);
        return d.toMinutes() + "m" + String.format("%02d", d.toSecondsPart()) + "s";
    }
}
