package lth.evaluation;

import lth.experiment.Outcome;
import lth.experiment.RunCheckpoints;
import lth.experiment.RunSpec;
import lth.experiment.Setup;
import lth.experiment.StepTimes;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long a run has left to train, for the budget and a seed group's time left: from its own checkpoint (its pace
 * so far, measured on the runner), else from the pace of runs of the same model, batch and data trained here
 * tonight, else from its claim's runs stored from this kind of CPU ({@link MeasuredHere}), else from the step-time
 * table for this backend ({@link StepEstimates}), else unknown.
 */
final class RunEstimates {
    static final String CHECKPOINT = "its checkpoint's pace", HERE = "runs measured here", STORED = "its claim's runs stored from this CPU",
            TABLE_CPU = "CPU step times",
            TABLE_GPU = "GPU step times scaled from the CPU's", NONE = "no estimate";

    /** Seconds left (NaN: unknown) and what the number comes from. */
    record Estimate(double seconds, String basis) {
        boolean known() { return !Double.isNaN(seconds); }
    }

    private final RunCheckpoints checkpoints;
    private final boolean gpu;
    private final Map<String, double[]> paces = new ConcurrentHashMap<>();     // step key -> {seconds, iterations}
    private final Map<String, Double> stored = new ConcurrentHashMap<>();       // step key -> seconds an iteration

    RunEstimates(RunCheckpoints checkpoints, boolean gpu) {
        this.checkpoints = checkpoints;
        this.gpu = gpu;
    }

    /** Learns the pace of a run trained here (one from the store may have been trained elsewhere). */
    void measured(Outcome o) {
        if (o.cached() || !(o.metrics().seconds() > 0)) return;
        paces.merge(key(o.spec().setup()), new double[]{o.metrics().seconds(), StepTimes.iterations(o.spec())},
                (a, b) -> new double[]{a[0] + b[0], a[1] + b[1]});
    }

    /** Learns the pace of a claim's runs stored from this kind of CPU (a median over whole runs of the setup). */
    void stored(Setup s, MeasuredHere m) { stored.put(key(s), m.seconds() / s.train().iterations()); }

    Estimate of(RunSpec s) {
        int end = s.rewind() > 0 && s.level() == 0 ? s.rewind() : s.setup().train().iterations();
        int start = s.rewind() > 0 && s.level() > 0 ? s.rewind() : 0;
        Optional<RunCheckpoints.Position> at = checkpoints.position(s);
        if (at.isPresent() && at.get().iteration() > start && at.get().iteration() < end)
            return new Estimate(at.get().seconds() / (at.get().iteration() - start) * (end - at.get().iteration()), CHECKPOINT);
        double[] pace = paces.get(key(s.setup()));
        if (pace != null) return new Estimate(pace[0] / pace[1] * (end - start), HERE);
        Double perIteration = stored.get(key(s.setup()));
        if (perIteration != null) return new Estimate(perIteration * (end - start), STORED);
        return StepEstimates.here(s.setup(), gpu).map(step -> new Estimate(step.seconds() * (end - start), gpu ? TABLE_GPU : TABLE_CPU))
                .orElse(new Estimate(Double.NaN, NONE));
    }

    /** Runs of one model, width, batch and data train at one pace. */
    private static String key(Setup s) { return s.model().canonical() + "|" + s.train().batch() + "|" + s.dataset(); }
}
