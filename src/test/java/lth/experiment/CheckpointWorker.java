package lth.experiment;

import lth.model.ModelSpec;
import lth.model.Optimizer;
import lth.prune.Rates;
import lth.train.TinyData;
import lth.train.TrainConfig;

import java.nio.file.Path;
import java.util.concurrent.Executors;

/** A child JVM for {@link RunCheckpointsTest#sigkill}: trains {@link #SPEC} into the store given as the only argument. */
public final class CheckpointWorker {
    private CheckpointWorker() { }

    /** Dense LeNet with Adam and a drop, 1500 iterations: long enough to be killed after a checkpoint. */
    static final RunSpec SPEC = new RunSpec(new Setup("tiny-kill", new ModelSpec("lenet-300-100", 1.0), "tiny",
            Optimizer.adam(1.2e-3).withSchedule(0, new int[]{1000}, 0.1), new TrainConfig(1500, 20, 50),
            new Rates(0, 0.2, 0.1), lth.prune.Scope.LAYERWISE, 2), 3, Arm.TICKET, 0);

    public static void main(String[] args) {
        var pool = Executors.newFixedThreadPool(1);
        new Experiment(TinyData.splits(), new RunStore(Path.of(args[0])), pool).stored(SPEC);
        System.out.println("WORKER DONE");
        System.exit(0);
    }
}
