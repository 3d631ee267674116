package lth.model;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Arrays;

/**
 * A learning-rate schedule: linear warmup over {@code warmup} iterations, then step decay by
 * {@code factor} at each iteration in {@code dropAt}. Iterations are 0-based update counts: the
 * step that makes update number {@code i} (DL4J's iteration counter before that update) uses
 * {@code lrAt(i)}.
 *
 * <p>Warmup starts from 0: {@code lrAt(i) = lr · i / warmup} for {@code i < warmup} (the convention
 * of open_lth; step 0 therefore moves no weight, only momentum builds up), {@code lr} from
 * {@code warmup} on. Drops multiply: at {@code i ≥ dropAt[j]} the rate is multiplied by
 * {@code factor} once per passed drop. Warmup and drops compose multiplicatively.
 */
public record Schedule(double lr, int warmup, int[] dropAt, double factor) {
    public Schedule {
        if (!(lr > 0)) throw new IllegalArgumentException("lr must be > 0, got " + lr);
        if (warmup < 0) throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
        dropAt = dropAt == null ? new int[0] : dropAt.clone();
        for (int i = 0; i < dropAt.length; i++)
            if (dropAt[i] <= 0 || (i > 0 && dropAt[i] <= dropAt[i - 1]))
                throw new IllegalArgumentException("drop iterations must be positive and increasing: "
                        + Arrays.toString(dropAt));
        if (!(factor > 0 && factor <= 1)) throw new IllegalArgumentException("factor must be in (0,1], got " + factor);
    }

    /** A constant learning rate (no warmup, no drops). */
    public static Schedule constant(double lr) { return new Schedule(lr, 0, new int[0], 0.1); }

    public boolean isConstant() { return warmup == 0 && dropAt.length == 0; }

    /** The learning rate of update number {@code iteration} (0-based). */
    public double lrAt(int iteration) {
        double v = lr;
        if (iteration < warmup) v = lr * iteration / warmup;
        for (int d : dropAt) if (iteration >= d) v *= factor;
        return v;
    }

    /** The canonical suffix ("" when constant, so that existing run keys stay valid). */
    public String canonical() {
        if (isConstant()) return "";
        StringBuilder s = new StringBuilder();
        if (warmup > 0) s.append(",warmup=").append(warmup);
        if (dropAt.length > 0) {
            s.append(",drops=");
            for (int i = 0; i < dropAt.length; i++) s.append(i == 0 ? "" : ";").append(dropAt[i]);
            s.append("x").append(factor);
        }
        return s.toString();
    }

    /** The schedule as DL4J reads it (the updater asks for {@code valueAt(iterationCount, epoch)}). */
    public ISchedule dl4j() { return new Dl4j(lr, warmup, dropAt, factor); }

    @Override public boolean equals(Object o) {
        return o instanceof Schedule s && s.lr == lr && s.warmup == warmup && Arrays.equals(s.dropAt, dropAt)
                && s.factor == factor;
    }

    @Override public int hashCode() { return Arrays.hashCode(new double[]{lr, warmup, factor}) * 31 + Arrays.hashCode(dropAt); }

    @Override public String toString() {
        return "Schedule[lr=" + lr + ", warmup=" + warmup + ", dropAt=" + Arrays.toString(dropAt) + ", factor=" + factor + "]";
    }

    @Override public int[] dropAt() { return dropAt.clone(); }

    /** The DL4J adapter: a JSON-serializable {@link ISchedule} delegating to {@link #lrAt(int)}. */
    public static final class Dl4j implements ISchedule {
        @JsonProperty private final double lr;
        @JsonProperty private final int warmup;
        @JsonProperty private final int[] dropAt;
        @JsonProperty private final double factor;

        public Dl4j(@JsonProperty("lr") double lr, @JsonProperty("warmup") int warmup,
                    @JsonProperty("dropAt") int[] dropAt, @JsonProperty("factor") double factor) {
            this.lr = lr;
            this.warmup = warmup;
            this.dropAt = dropAt;
            this.factor = factor;
            schedule();                                   // validates
        }

        private Schedule schedule() { return new Schedule(lr, warmup, dropAt, factor); }

        @Override public double valueAt(int iteration, int epoch) { return schedule().lrAt(iteration); }

        @Override public ISchedule clone() { return new Dl4j(lr, warmup, dropAt, factor); }

        @Override public boolean equals(Object o) { return o instanceof Dl4j d && d.schedule().equals(schedule()); }

        @Override public int hashCode() { return schedule().hashCode(); }
    }
}
