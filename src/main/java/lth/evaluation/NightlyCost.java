package lth.evaluation;

import lth.claim.ClaimPlan;
import lth.experiment.RunSpec;
import lth.experiment.Setup;
import lth.experiment.StepTimes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the nightly costs, from the plans and the step times ({@link StepEstimates}): runs, SGD steps, CPU
 * core-hours and GPU-hours per claim and per shard (claims of a shard share runs: each counted once), and
 * how many nights the budgeted nightly takes to finish them, simulated with the budget's own rule
 * ({@link BudgetedRuns#fits}) on one GPU per runner (concurrent workers share it: GPU time adds up).
 */
public final class NightlyCost {
    private NightlyCost() { }

    /** Runs in night order, their SGD steps, and the hours they take on one CPU core and on one GPU (NaN: no estimate). */
    public record Cost(List<RunSpec> runs, long steps, double cpuHours, double gpuHours) {
        /** The GPU-hours of each run, in night order. */
        public double[] gpuHoursPerRun() { return runs.stream().mapToDouble(r -> hours(r, StepEstimates.gpu(r.setup()))).toArray(); }
    }

    /** The runs of these plans (a shard's claims, or one claim), in night order, each once. */
    public static Cost of(List<ClaimPlan> plans) {
        List<RunSpec> runs = NightOrder.of(plans);
        long steps = runs.stream().mapToLong(StepTimes::iterations).sum();
        double cpu = runs.stream().mapToDouble(r -> hours(r, StepEstimates.cpu(r.setup()))).sum();
        double gpu = runs.stream().mapToDouble(r -> hours(r, StepEstimates.gpu(r.setup()))).sum();
        return new Cost(runs, steps, cpu, gpu);
    }

    static double hours(RunSpec r, Optional<StepEstimates.Step> step) {
        return step.map(s -> s.seconds() * StepTimes.iterations(r) / 3600).orElse(Double.NaN);
    }

    /** The step the table shows for a setup: "0.0026 s (measured)", or what it is when not measured. */
    public static String step(Setup s, boolean gpu) {
        Optional<StepEstimates.Step> st = gpu ? StepEstimates.gpu(s) : StepEstimates.cpu(s);
        if (st.isEmpty()) return "not measured";
        double v = st.get().seconds();
        String n = v >= 10 ? "%.0f s".formatted(v) : v >= 0.1 ? "%.2f s".formatted(v) : "%.1f ms".formatted(v * 1000);
        if (gpu) return n + (v <= StepEstimates.GPU_FLOOR ? " (floor)" : "");
        return n + (st.get().measured() ? "" : " (extrapolated)");
    }

    /** One shard across nights: the GPU-hours of its runs in night order, and how far it has come. */
    static final class Lane {
        private final double[] hours;
        private int next;
        private double done;

        Lane(double[] hours) { this.hours = hours.clone(); }

        boolean finished() { return next >= hours.length; }

        /** One night of {@code budget} hours by the budget's rule; the hours trained. */
        double night(double budget) {
            double left = budget;
            while (!finished()) {
                double rest = hours[next] - done;
                if (!BudgetedRuns.fits(rest, left, budget)) break;
                if (rest <= left) {
                    left -= rest;
                    next++;
                    done = 0;
                } else {                           // longer than a whole night: it goes on from its checkpoint
                    done += left;
                    left = 0;
                }
            }
            return budget - left;
        }
    }

    /** Nights one runner takes to train runs of these GPU-hours (night order) with {@code budget} hours a night. */
    public static int nights(double[] hours, double budget) {
        Lane lane = new Lane(hours);
        int n = 0;
        while (!lane.finished()) {
            lane.night(budget);
            n++;
        }
        return n;
    }

    /**
     * Days until every shard is trained when each day the workflow starts every shard's job (matrix order) on
     * {@code runners} runners, a job taking {@code overhead} hours plus the night's training; a workflow run
     * longer than a day delays the next scheduled one (one run at a time) to the next daily start.
     */
    public static int days(List<double[]> shards, double budget, int runners, double overhead) {
        List<Lane> lanes = new ArrayList<>();
        for (double[] h : shards) lanes.add(new Lane(h));
        int days = 0;
        while (lanes.stream().anyMatch(l -> !l.finished())) {
            double[] free = new double[runners];
            for (Lane l : lanes) {
                int i = 0;
                for (int r = 1; r < runners; r++) if (free[r] < free[i]) i = r;
                free[i] += overhead + (l.finished() ? 0 : l.night(budget));
            }
            double wall = java.util.Arrays.stream(free).max().orElse(0);
            days += Math.max(1, (int) Math.ceil(wall / 24));
        }
        return days;
    }
}
