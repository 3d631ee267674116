package lth.experiment;

import lth.train.EvalListener;
import lth.train.RunProgress;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToDoubleFunction;

/**
 * Prints one line per finished run: which claim, run, how long, and an estimate of the time left; and,
 * inside a long run, a line per evaluation at most every 30 s ({@link RunProgress}). The time left comes from the
 * plan (the runs left at the claim's estimated wall time a run, over the workers) when the claim has an estimate,
 * else from the rate so far: a rate from a few runs misleads when they were resumed from checkpoints or ran in
 * parallel (seen: "1/12 trained ... ~101m left" where the plan said ~70).
 */
public final class Progress {
    private final String label;
    private final int planned;
    private final AtomicInteger trained = new AtomicInteger();
    private final AtomicInteger cached = new AtomicInteger();
    private final long start = System.nanoTime();
    private final IntToDoubleFunction plan;

    public Progress(String label, int planned) { this(label, planned, null); }

    /** @param plan wall seconds to train a number of runs (the claim's estimate), or null when it has none */
    public Progress(String label, int planned, IntToDoubleFunction plan) {
        this.label = label;
        this.planned = planned;
        this.plan = plan;
    }

    /** Seconds left once {@code done} of {@code planned} runs are trained after {@code elapsed} seconds. */
    static double left(int planned, int done, double elapsed, IntToDoubleFunction plan) {
        int left = Math.max(0, planned - done);   // planned counts only the runs to train: store hits are not in it
        if (plan != null) return plan.applyAsDouble(left);
        return done == 0 ? 0 : elapsed / done * left;
    }

    void cached(RunSpec spec) { cached.incrementAndGet(); }

    /** A line per evaluation inside a run being trained, at most every {@link RunProgress#INTERVAL} seconds. */
    EvalListener inRun(RunSpec spec) { return RunProgress.of("[" + label + "] " + spec.describe()); }

    /** A run continued from its mid-run checkpoint instead of from its beginning. */
    void resumed(RunSpec spec, int iteration, double secondsBefore, java.nio.file.Path file) {
        System.out.printf("[%s] %s | resumed at iteration %d from its checkpoint %s (%s of training kept)%n",
                label, spec.describe(), iteration, file, fmt(secondsBefore));
    }

    /** A mid-run checkpoint written: its size and the time the write took. */
    void checkpointed(RunSpec spec, int iteration, long bytes, double seconds) {
        System.out.printf(java.util.Locale.ROOT, "[%s] %s | checkpoint at iteration %d (%.1f MB, written in %.2fs)%n",
                label, spec.describe(), iteration, bytes / 1e6, seconds);
    }

    /** A run stopped at its checkpoint because the time budget is spent. */
    void stopped(RunSpec spec, int iteration) {
        System.out.printf("[%s] %s | stopped at iteration %d, its checkpoint kept: the time budget is spent (the next run resumes it)%n",
                label, spec.describe(), iteration);
    }

    void trained(RunSpec spec, double pm, double seconds, int resumedAt) { trained(spec, pm, seconds, resumedAt, ""); }

    /** A stored run without weights (imported metrics only) trained again for them, because a new run branches from it. */
    void retrained(RunSpec spec, double pm, double seconds, int resumedAt) {
        trained(spec, pm, seconds, resumedAt, " | retrained for its weights (the store had its metrics only)");
    }

    private void trained(RunSpec spec, double pm, double seconds, int resumedAt, String note) {
        int done = trained.incrementAndGet();
        double elapsed = (System.nanoTime() - start) / 1e9;
        double eta = left(planned, done, elapsed, plan);
        System.out.printf("[%s] %-28s Pm %5.1f%%  %5.1fs | %s trained, %d from store | elapsed %s, ~%s left%s%n",
                label, spec.describe(), pm, seconds, planned >= done ? done + "/" + planned : String.valueOf(done),
                cached.get(), fmt(elapsed), fmt(eta), (resumedAt > 0 ? " | resumed at iteration " + resumedAt : "") + note);
    }

    private static String fmt(double s) {
        Duration d = Duration.ofSeconds((long) s);
        return d.toMinutes() + "m" + String.format("%02d", d.toSecondsPart()) + "s";
    }
}
