package lth.evaluation;

import lth.experiment.StepTimes;

import java.util.function.LongSupplier;

/**
 * A night's time budget for training, counted from when the claim engine starts (the claims' JVM, after
 * the build): {@code -Dlth.budget.minutes=N} or {@code -Dlth.budget.hours=H}. Unset, there is none and
 * every claim trains to its verdict, as before. With one, the engine trains claim after claim in night
 * order ({@link NightOrder}), starts a run only if its estimated time fits in what is left ({@link
 * BudgetedRuns}), and once the budget is spent stops the runs in flight at their next checkpoint; a claim
 * not finished is IN PROGRESS and the next night continues it from the same store.
 */
public final class Budget {
    public static final String MINUTES = "lth.budget.minutes", HOURS = "lth.budget.hours";

    /** No budget: train everything. */
    public static final Budget NONE = new Budget(Double.POSITIVE_INFINITY, System::nanoTime);

    private final double seconds;
    private final LongSupplier clock;
    private final long start;

    private Budget(double seconds, LongSupplier clock) {
        this.seconds = seconds;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** A budget of {@code seconds} from now, on {@code clock} (nanoseconds; tests pass their own). */
    public static Budget of(double seconds, LongSupplier clock) {
        if (!(seconds > 0)) throw new IllegalArgumentException("a time budget must be > 0 seconds, got " + seconds);
        return new Budget(seconds, clock);
    }

    /** {@code -Dlth.budget.minutes} or {@code -Dlth.budget.hours} (not both), else {@link #NONE}. */
    public static Budget fromProperties() {
        String m = System.getProperty(MINUTES, "").strip(), h = System.getProperty(HOURS, "").strip();
        if (!m.isEmpty() && !h.isEmpty())
            throw new IllegalArgumentException("-D" + MINUTES + "=" + m + " and -D" + HOURS + "=" + h + ": give the time budget once");
        if (m.isEmpty() && h.isEmpty()) return NONE;
        String name = m.isEmpty() ? HOURS : MINUTES, value = m.isEmpty() ? h : m;
        try {
            double v = Double.parseDouble(value);
            if (v > 0 && Double.isFinite(v)) return of(v * (m.isEmpty() ? 3600 : 60), System::nanoTime);
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + name + "=" + value + " is not a time budget (a number > 0; leave it unset for none)");
    }

    public boolean limited() { return Double.isFinite(seconds); }

    /** The whole budget in seconds (infinite for none). */
    public double total() { return seconds; }

    /** Seconds left, never below 0. */
    public double left() { return Math.max(0, seconds - (clock.getAsLong() - start) / 1e9); }

    public boolean spent() { return left() <= 0; }

    /** "1h10m of the 20h00m budget left", or "no time budget". */
    public String describe() {
        return limited() ? StepTimes.format(left()) + " of the " + StepTimes.format(seconds) + " budget left" : "no time budget";
    }
}
