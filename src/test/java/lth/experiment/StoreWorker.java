package lth.experiment;

import lth.train.TinyData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A child JVM for the fault tests: trains {@link #specs} (tiny LeNet runs on TinyData) into the
 * store given as the only argument, through {@link Experiment} as the claim tests do.
 */
public final class StoreWorker {
    private StoreWorker() { }

    static final int SEEDS = 4;

    /** Dense (level 0) and IMP level 2 for seeds 1..SEEDS: 8 runs, the level-2 runs branch from level 0. */
    static List<RunSpec> specs() {
        List<RunSpec> out = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            out.add(new RunSpec(ExperimentTest.SETUP, seed, Arm.TICKET, 0));
            out.add(new RunSpec(ExperimentTest.SETUP, seed, Arm.TICKET, 2));
        }
        return out;
    }

    static List<Outcome> runAll(RunStore store, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Experiment ex = new Experiment(TinyData.splits(), store, pool);
            return specs().stream().map(ex::run).toList().stream().map(f -> f.join()).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    public static void main(String[] args) {
        List<Outcome> outcomes = runAll(new RunStore(Path.of(args[0])), 1);
        for (Outcome o : outcomes) System.out.println((o.cached() ? "cached " : "trained ") + o.hash());
        System.out.println("WORKER DONE");
        System.exit(0);
    }
}
