package lth.experiment;

import lth.data.TrainingData;
import lth.model.Architectures;
import lth.model.Network;
import lth.prune.Mask;
import lth.train.Checkpoint;
import lth.train.Checkpoints;
import lth.train.TrainConfig;
import lth.train.Trainer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Turns run specs into outcomes, training only what the store lacks. The IMP trunk of a seed is a
 * chain (level k is pruned from level k-1's trained weights); controls branch from it. Independent
 * chains and branches run concurrently on the executor; a run asked for twice (by two claims) is
 * trained once.
 */
public final class Experiment {
    private final TrainingData data;
    private final RunStore store;
    private final Executor workers;
    private final Map<String, CompletableFuture<StoredRun>> runs = new ConcurrentHashMap<>();
    private final java.util.Set<String> fromStore = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<StoredRun>> rehydrated = new ConcurrentHashMap<>();
    private volatile Progress progress = new Progress("lth", 0);
    private volatile int checkpointEvery = Checkpoints.everyFromProperties();
    private volatile java.util.function.BooleanSupplier stop = () -> false;

    public Experiment(TrainingData data, RunStore store, Executor workers) {
        this.data = data;
        this.store = store;
        this.workers = workers;
    }

    public void progress(Progress p) { this.progress = p; }

    /** Iterations between mid-run checkpoints ({@link Checkpoints#AUTO}: about every few minutes of a long run; 0: none). */
    public void checkpointEvery(int every) { this.checkpointEvery = every; }

    /**
     * Once {@code stop} says so (e.g. a night's time budget is spent), each run being trained stops right
     * after its next checkpoint ({@link RunStopped}; runs without checkpoints finish). A stopped run's
     * future fails with it and is forgotten, so that asking again resumes it from its checkpoint.
     */
    public void stopWhen(java.util.function.BooleanSupplier stop) { this.stop = stop; }

    public RunStore store() { return store; }

    /**
     * How many runs these specs will train: those of them, and of the runs they branch from (trunk levels,
     * θ_k and rewound chains, the dense net of a one-shot ticket), that are neither in the store nor known
     * here, and the stored runs without weights that those branch from ({@link RunsToTrain}).
     */
    public int missing(List<RunSpec> specs) { return RunsToTrain.of(specs, runs::containsKey, store).size(); }

    public CompletableFuture<Outcome> run(RunSpec spec) {
        return future(spec).thenApply(r -> new Outcome(spec, spec.hash(), r.metrics(), fromStore.contains(spec.hash())));
    }

    /** The stored run of a spec (trained if missing): mask counts, metrics and, for trunk runs, weights. */
    public StoredRun stored(RunSpec spec) { return future(spec).join(); }

    /** The final weights of a ticket, θ_k or twin (a run imported without them is retrained, the same bits); other arms keep none. */
    public TrunkState state(RunSpec spec) {
        if (spec.arm() == Arm.TICKET || spec.arm() == Arm.TWIN) return withWeights(spec, stored(spec)).state();
        throw new IllegalArgumentException(spec.describe() + ": the store keeps no weights of " + spec.arm().label()
                + " runs (only of tickets, θ_k and twins, which later runs and linear mode connectivity read)");
    }

    private CompletableFuture<StoredRun> future(RunSpec spec) {
        CompletableFuture<StoredRun> existing = runs.get(spec.hash());
        // a stopped run is forgotten when its future fails; a caller woken by that failure can get here first
        if (existing != null && !(existing.isCompletedExceptionally() && RunStopped.is(existing.handle((r, e) -> e).join())))
            return existing;
        if (existing != null) runs.remove(spec.hash(), existing);
        CompletableFuture<StoredRun> f = spec.rewind() > 0 ? rewound(spec) : switch (spec.arm()) {
            case TICKET -> spec.level() == 0
                    ? CompletableFuture.supplyAsync(() -> obtain(spec, null), workers)
                    : parent(spec).thenApplyAsync(p -> obtain(spec, p), workers);
            case REINIT, RANDOM -> parent(spec).thenApplyAsync(p -> obtain(spec, p), workers);
            case TWIN -> spec.level() == 0
                    ? CompletableFuture.supplyAsync(() -> obtain(spec, null), workers)
                    : parent(spec).thenApplyAsync(p -> obtain(spec, p), workers);
            case ONESHOT -> future(new RunSpec(spec.setup(), spec.seed(), Arm.TICKET, 0))
                    .thenApplyAsync(p -> obtain(spec, p), workers);
            case DENSE -> throw new IllegalStateException("DENSE is normalized to TICKET level 0");
        };
        CompletableFuture<StoredRun> raced = runs.putIfAbsent(spec.hash(), f);
        if (raced != null) return raced;
        f.whenComplete((r, e) -> { if (RunStopped.is(e)) runs.remove(spec.hash(), f); });
        return f;
    }

    /** The trunk run one IMP round before this spec's level: its mask and weights give this level's mask. */
    private CompletableFuture<StoredRun> parent(RunSpec spec) {
        return future(RunGraph.parentSpec(spec));
    }

    /**
     * Late resetting: level 0 of a rewound chain is θ_k (the dense net trained for k iterations);
     * level L prunes the chain's previous level, resets survivors to θ_k and trains from iteration k.
     */
    private CompletableFuture<StoredRun> rewound(RunSpec spec) {
        if (spec.level() == 0) return CompletableFuture.supplyAsync(() -> obtain(spec, null, null), workers);
        CompletableFuture<StoredRun> thetaK = future(new RunSpec(spec.setup(), spec.seed(), Arm.TICKET, 0, spec.rewind()));
        return parent(spec).thenCombineAsync(thetaK, (p, k) -> obtain(spec, p, k), workers);
    }

    private StoredRun obtain(RunSpec spec, StoredRun parent) { return obtain(spec, parent, null); }

    private StoredRun obtain(RunSpec spec, StoredRun parent, StoredRun thetaK) {
        var stored = store.get(spec);
        if (stored.isPresent()) {
            store.checkpoints().delete(spec);               // left by a JVM killed after another one stored the run
            fromStore.add(spec.hash());
            progress.cached(spec);
            return stored.get();
        }
        StoredRun p = withWeights(RunGraph.parentOf(spec), parent), k = withWeights(RunGraph.thetaKOf(spec), thetaK);
        Trained t = train(spec, () -> start(spec, p, k));
        Trainer.Result r = t.result();
        TrunkState state = spec.arm() == Arm.TICKET || spec.arm() == Arm.TWIN ? RunMasks.stateOf(t.start().mask(), t.start().net(), r.finalParams()) : null;
        StoredRun run = new StoredRun(spec.canonical(), r.metrics(), t.start().mask().keptPerLayer(), state);
        store.put(spec, run);
        store.checkpoints().delete(spec);
        progress.trained(spec, t.start().mask().pmPercent(), r.metrics().seconds(), t.resumedAt());
        return run;
    }

    /** A trained run: where it started, what it measured, and the iteration it resumed at from a checkpoint (0: none). */
    private record Trained(Start start, Trainer.Result result, int resumedAt) { }

    /**
     * Trains a run, from its checkpoint in the store if it has one, writing checkpoints as it goes
     * ({@code -Dlth.checkpoint.every}, else about every few minutes of a long run). A checkpoint that does
     * not fit the run is set aside with a warning and the run starts over from a fresh start.
     */
    private Trained train(RunSpec spec, java.util.function.Supplier<Start> start) {
        StoreCheckpoints ck = new StoreCheckpoints(store.checkpoints(), spec, checkpointEvery, progress, stop);
        Start st = start.get();
        try {
            return new Trained(st, Trainer.train(st.net(), st.mask(), data, st.dataSeed(), st.cfg(), progress.inRun(spec), ck), ck.resumedAt());
        } catch (Checkpoint.Mismatch e) {
            store.checkpoints().discard(spec, "it does not fit the run: " + e.getMessage());
            Start fresh = start.get();
            return new Trained(fresh, Trainer.train(fresh.net(), fresh.mask(), data, fresh.dataSeed(), fresh.cfg(), progress.inRun(spec), ck),
                    ck.resumedAt());
        }
    }

    /** A run's starting point: its network with the masks installed, its mask, data order and schedule. */
    record Start(Network net, Mask mask, long dataSeed, TrainConfig cfg) { }

    /** The starting point of a spec, resolving (training if needed) the runs it branches from. */
    Start start(RunSpec spec) {
        RunSpec parent = RunGraph.parentOf(spec), thetaK = RunGraph.thetaKOf(spec);
        return start(spec, parent == null ? null : stored(parent), thetaK == null ? null : stored(thetaK));
    }

    /**
     * The run with its weights. A store entry imported without them (metrics only, {@code scripts/tier-runs})
     * is retrained, deterministically the same run, the first time a new run branches from it; its metrics
     * must come out equal to the stored ones, else nothing is mixed and the entry is named. Chains of
     * different seeds are retrained concurrently; a run asked for by two threads is retrained once.
     */
    private StoredRun withWeights(RunSpec s, StoredRun run) {
        if (run == null || run.state() != null) return run;
        CompletableFuture<StoredRun> mine = new CompletableFuture<>(), known = rehydrated.putIfAbsent(s.hash(), mine);
        if (known != null) return known.join();
        try {
            mine.complete(retrain(s, run));
        } catch (RuntimeException e) {
            rehydrated.remove(s.hash(), mine);                                // e.g. stopped: asking again resumes it
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.join();
    }

    private StoredRun retrain(RunSpec s, StoredRun run) {
        RunSpec parent = RunGraph.parentOf(s), thetaK = RunGraph.thetaKOf(s);
        StoredRun p = withWeights(parent, parent == null ? null : store.get(parent).orElseThrow());
        StoredRun k = withWeights(thetaK, thetaK == null ? null : store.get(thetaK).orElseThrow());
        Trained t = train(s, () -> start(s, p, k));
        Start st = t.start();
        Trainer.Result r = t.result();
        if (!java.util.Arrays.equals(r.metrics().valLoss(), run.metrics().valLoss()))
            throw new StoreException("run store " + store.root() + ": " + s.describe() + " (" + s.hash() + ") was retrained for its"
                    + " weights and measured other numbers than its stored metrics (validation loss " + java.util.Arrays.toString(r.metrics().valLoss())
                    + " vs " + java.util.Arrays.toString(run.metrics().valLoss()) + "). A run is bit-reproducible on one kind of CPU"
                    + " only (BLAS and oneDNN kernels differ by CPU): continue on a machine of the kind that trained it, or remove this"
                    + " entry and the stored runs that branch from it, to retrain them here", null);
        StoredRun full = new StoredRun(s.canonical(), run.metrics(), st.mask().keptPerLayer(), RunMasks.stateOf(st.mask(), st.net(), r.finalParams()));
        store.replace(s, full);
        store.checkpoints().delete(s);
        progress.retrained(s, st.mask().pmPercent(), r.metrics().seconds(), t.resumedAt());
        return full;
    }

    private Start start(RunSpec spec, StoredRun parent, StoredRun thetaK) {
        Setup s = spec.setup();
        long initSeed = spec.arm() == Arm.REINIT ? Seeds.derive(spec.seed(), "reinit", spec.level()) : spec.seed();
        Network net = Architectures.build(s.model(), s.optimizer(), initSeed, data.channels(), data.height(), data.width(), data.classes());
        Mask mask = RunMasks.maskFor(spec, net.prunable(), parent);
        // The twin shares θ0 and mask with the ticket; only its data order differs (for stability analysis).
        long dataSeed = spec.arm() == Arm.TWIN ? Seeds.derive(spec.seed(), "twin", spec.level()) : spec.seed();
        TrainConfig cfg = s.train();
        if (spec.rewind() > 0 && spec.level() == 0) {
            cfg = new TrainConfig(spec.rewind(), cfg.batch(), spec.rewind(), 0, cfg.augment(), cfg.testAtEsAndEnd());   // θ_k only
        } else if (spec.rewind() > 0) {
            net.net().setParams(org.nd4j.linalg.factory.Nd4j.create(thetaK.state().params(),
                    new long[]{1, thetaK.state().params().length}, 'c'));
            cfg = cfg.startingAt(spec.rewind());                             // schedule and data order resume at k
        }
        Trainer.installMasks(net, mask);                                     // survivors keep θ0 (or θ_k); the rest is 0
        return new Start(net, mask, dataSeed, cfg);
    }
}
