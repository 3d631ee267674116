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
    private final Map<String, StoredRun> rehydrated = new java.util.HashMap<>();
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

    /** How many distinct runs {@code specs} need, the runs they start from (parents, θ_k) included. */
    public static int needed(List<RunSpec> specs) { return closure(specs).size(); }

    /** The specs and the runs they start from, by key: two specs can name one run (e.g. the dense net of a global and a layer-wise setup). */
    public static java.util.Map<String, RunSpec> closure(List<RunSpec> specs) {
        var all = new java.util.LinkedHashMap<String, RunSpec>();
        var todo = new java.util.ArrayDeque<>(specs);
        while (!todo.isEmpty()) {
            RunSpec s = todo.pop();
            if (all.putIfAbsent(s.hash(), s) == null) todo.addAll(dependencies(s));
        }
        return all;
    }

    /** The runs a spec starts from, as {@link #future} resolves them. */
    public static List<RunSpec> dependencies(RunSpec spec) {
        Setup s = spec.setup();
        if (spec.rewind() > 0) {
            if (spec.level() == 0) return List.of();
            return List.of(parentSpec(spec), new RunSpec(s, spec.seed(), Arm.TICKET, 0, spec.rewind()));
        }
        return switch (spec.arm()) {
            case TICKET, TWIN -> spec.level() == 0 ? List.of() : List.of(parentSpec(spec));
            case REINIT, RANDOM -> List.of(parentSpec(spec));
            case ONESHOT -> List.of(new RunSpec(s, spec.seed(), Arm.TICKET, 0));
            case DENSE -> List.of();
        };
    }

    private static RunSpec parentSpec(RunSpec spec) {
        int up = spec.level() - spec.setup().roundsPerLevel();
        // The rewound chain prunes from its own previous level; its first level prunes the dense net.
        return new RunSpec(spec.setup(), spec.seed(), Arm.TICKET, up, up == 0 ? 0 : spec.rewind());
    }

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
        if (existing != null) return existing;
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
        return future(parentSpec(spec));
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
        StoredRun p = withWeights(parentOf(spec), parent), k = withWeights(thetaKOf(spec), thetaK);
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
        RunSpec parent = parentOf(spec), thetaK = thetaKOf(spec);
        return start(spec, parent == null ? null : stored(parent), thetaK == null ? null : stored(thetaK));
    }

    /** The run whose mask and weights give this run's mask (null at level 0). */
    private static RunSpec parentOf(RunSpec s) {
        return s.level() == 0 ? null : s.arm() == Arm.ONESHOT ? new RunSpec(s.setup(), s.seed(), Arm.TICKET, 0) : parentSpec(s);
    }

    /** θ_k, which a rewound ticket starts from (null for runs that start from θ0). */
    private static RunSpec thetaKOf(RunSpec s) { return s.rewind() > 0 && s.level() > 0 ? new RunSpec(s.setup(), s.seed(), Arm.TICKET, 0, s.rewind()) : null; }

    /**
     * The run with its weights. A store entry imported without them (metrics only, {@code scripts/tier-runs})
     * is retrained, deterministically the same run, the first time a new run branches from it; its metrics
     * must come out equal to the stored ones, else nothing is mixed and the entry is named.
     */
    private synchronized StoredRun withWeights(RunSpec s, StoredRun run) {
        if (run == null || run.state() != null) return run;
        StoredRun known = rehydrated.get(s.hash());
        if (known != null) return known;
        StoredRun p = withWeights(parentOf(s), parentOf(s) == null ? null : store.get(parentOf(s)).orElseThrow());
        StoredRun k = withWeights(thetaKOf(s), thetaKOf(s) == null ? null : store.get(thetaKOf(s)).orElseThrow());
        Trained t = train(s, () -> start(s, p, k));
        Start st = t.start();
        Trainer.Result r = t.result();
        if (!java.util.Arrays.equals(r.metrics().valLoss(), run.metrics().valLoss()))
            throw new StoreException("run store " + store.root() + ": " + s.describe() + " (" + s.hash() + ") was retrained for its"
                    + " weights and measured other numbers than its stored metrics; remove the entry to retrain it", null);
        StoredRun full = new StoredRun(s.canonical(), run.metrics(), st.mask().keptPerLayer(), RunMasks.stateOf(st.mask(), st.net(), r.finalParams()));
        store.replace(s, full);
        store.checkpoints().delete(s);
        progress.retrained(s, st.mask().pmPercent(), r.metrics().seconds(), t.resumedAt());
        rehydrated.put(s.hash(), full);
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
