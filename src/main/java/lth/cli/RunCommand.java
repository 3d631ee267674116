package lth.cli;

import lth.data.DataCatalog;
import lth.experiment.Experiment;
import lth.experiment.Progress;
import lth.experiment.RunSpec;
import lth.experiment.RunStore;
import lth.experiment.StepTimes;
import lth.experiment.StoredRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code lth run}: trains one run of a claim (and the runs it branches from: the trunk levels before it,
 * the dense net of a one-shot ticket) through {@link Experiment}, or reads it from the store, and prints
 * its metrics. The same store, keys and training as the claim tests: a run trained here is a store hit for them.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Train one run (or load it from the store) and print its metrics.")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunSelection run;

    @Option(names = "--workers", defaultValue = "2", paramLabel = "N", description = "training threads (default: 2)")
    int workers;

    @Option(names = "--evaluations", description = "also print every evaluation")
    boolean evaluations;

    @Override
    public Integer call() throws Exception {
        if (workers < 1) throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
        RunSpec s = run.spec();
        PrintWriter out = spec.commandLine().getOut();
        RunStore store = new RunStore(run.store);
        Experiment ex = new Experiment(DataCatalog.source(s.setup().dataset()), store, executor());
        int missing = ex.missing(List.of(s));
        String title = run.describe(s);
        out.printf("%s: %s%n", title, missing == 0 ? "in the store " + store.root()
                : missing + " run(s) to train (this one and those it starts from)" + StepTimes.seconds(s.setup())
                .map(t -> ", estimated ~" + StepTimes.format(missing * t)).orElse(""));
        out.flush();
        ex.progress(new Progress(run.claim, missing));
        StoredRun r = ex.stored(s);
        ShowCommand.print(out, title, s, r, missing == 0 ? "from the store" : "trained", evaluations, false);
        return 0;
    }

    private ExecutorService executor() {
        return Executors.newFixedThreadPool(workers, task -> {
            Thread t = new Thread(task, "lth-worker");
            t.setDaemon(true);
            return t;
        });
    }
}
