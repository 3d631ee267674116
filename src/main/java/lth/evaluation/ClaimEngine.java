package lth.evaluation;

import lth.claim.ClaimPlan;
import lth.claim.ClaimSpec;
import lth.claim.DryRun;
import lth.claim.ProfileClaim;
import lth.claim.SeedSelection;
import lth.data.DataCatalog;
import lth.data.DataUnavailableException;
import lth.data.TrainingData;
import lth.experiment.*;

import java.util.*;
import java.util.concurrent.*;
import java.util.function.IntToDoubleFunction;

/**
 * Evaluates claims: executes a claim's {@link ClaimPlan} (the experiment trains what the store lacks, on
 * every worker), computes its interpolation curves, and tests each comparison over its levels
 * ({@link ClaimAnalysis}). Each claim is evaluated once per engine; all cases of the claim read that
 * result. One engine per claim run (the claim tests' JUnit session holds it), closed at its end.
 */
public final class ClaimEngine implements AutoCloseable {
    /** What a skip reason holds when the claim's file defers it to the nightly profile ({@code nightly_only}). */
    public static final String DEFERRED = lth.report.NotRun.DEFERRED;

    private final RunStore store;
    private final int workers;
    private final Budget budget;
    private final java.util.function.Function<String, TrainingData> data;
    private final ExecutorService pool;
    private final Map<String, ClaimResult> results = new ConcurrentHashMap<>();
    private final Map<String, Experiment> experiments = new ConcurrentHashMap<>();
    private final Map<String, RunEstimates> estimates = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<RunSpec> started = s -> { };

    public ClaimEngine(RunStore store, int workers) { this(store, workers, Budget.NONE); }

    /** With a night's time budget ({@link Budget}): claims not finished within it are IN PROGRESS. */
    public ClaimEngine(RunStore store, int workers, Budget budget) { this(store, workers, budget, DataCatalog::source); }

    /** {@code data} loads a dataset by id (tests give small synthetic data). */
    ClaimEngine(RunStore store, int workers, Budget budget, java.util.function.Function<String, TrainingData> data) {
        this.store = store;
        this.workers = workers;
        this.budget = budget;
        this.data = data;
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "lth-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** The store of {@code -Dlth.store}, the workers of {@code -Dlth.workers}, the budget of {@code -Dlth.budget.*}. */
    public static ClaimEngine fromProperties() { return new ClaimEngine(RunStore.fromProperties(), workers(), Budget.fromProperties()); }

    /** Told every run a budgeted night starts, in the order it starts them (tests). */
    void onStart(java.util.function.Consumer<RunSpec> listener) { this.started = listener; }

    /** {@code -Dlth.workers}, default the number of cores. */
    public static int workers() {
        String w = System.getProperty("lth.workers", String.valueOf(Runtime.getRuntime().availableProcessors()));
        try {
            int n = Integer.parseInt(w.strip());
            if (n < 1 || n > 256) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dlth.workers=" + w + " is not a worker count (1..256)");
        }
    }

    public int workerCount() { return workers; }

    public synchronized ClaimResult evaluate(ClaimSpec file, String profile) {
        return results.computeIfAbsent(file.id() + "/" + profile, k -> run(ProfileClaim.of(file, profile)));
    }

    private ClaimResult run(ProfileClaim claim) {
        ClaimSpec.ProfileSpec p = claim.scale();
        ClaimPlan plan = ClaimPlan.of(claim);
        String skip = skipReason(claim);
        if (skip != null) return skipped(plan, skip);
        TrainingData data;
        try {
            data = this.data.apply(p.dataset());
        } catch (DataUnavailableException e) {
            return skipped(plan, "SKIPPED: " + e.getMessage());
        }
        long start = System.nanoTime();
        Experiment ex = experiments.computeIfAbsent(p.dataset(), d -> new Experiment(data, store, pool));
        int missing = ex.missing(plan.runs());
        // the claim's runs stored from this kind of CPU say more than the step-time table (measured on one CPU)
        Optional<MeasuredHere> here = lth.model.Engine.cpu() ? MeasuredHere.of(store.root(), claim, Machine.describe()) : Optional.empty();
        here.ifPresent(m -> estimates(p).stored(claim.setup(), m));
        int chains = RunGraph.chains(plan.runs());
        System.out.printf("[%s] %s profile%s, seeds %s: %d runs (%d to train; the rest in the store) on %s%s%n", claim.id(), DryRun.label(claim.profile()),
                SeedSelection.pilot() ? " (PILOT)" : "", plan.seeds(), RunGraph.needed(plan.runs()), missing, data.describe(),
                estimate(claim.setup(), missing, workers, chains, here));
        ex.progress(new Progress(DryRun.tag(claim.id()), missing, timeLeft(claim.setup(), workers, chains, here)));
        if (budget.limited()) {
            ex.stopWhen(budget::spent);
            ClaimProgress progress = BudgetedRuns.run(claim.id(), NightOrder.of(plan), ex, budget, estimates(p), workers, started);
            if (progress != null) {
                System.out.printf("[%s] IN PROGRESS (no verdict yet): %s; %s%n", claim.id(), progress.text(), budget.describe());
                return new ClaimResult(new Measurements(plan, List.of(), Map.of()), data.describe(), Map.of(),
                        (System.nanoTime() - start) / 1e9, List.of(), null, progress);
            }
        }
        List<CompletableFuture<Outcome>> futures = plan.runs().stream().map(ex::run).toList();
        List<Outcome> outcomes = futures.stream().map(ClaimEngine::join).toList();
        double seconds = (System.nanoTime() - start) / 1e9;
        // every run the claim needed, the trunk levels between its measured runs included (all done by now)
        List<Outcome> every = RunGraph.closure(plan.runs()).values().stream().map(ex::run).map(ClaimEngine::join).toList();
        Measurements measured = new Measurements(plan, outcomes, curves(plan, ex, data));
        ClaimResult result = new ClaimResult(measured, data.describe(), ClaimAnalysis.of(measured), seconds, every, null);
        ResultsExport.write(result);
        if (!SeedSelection.piece(plan.seeds(), p)) return result;
        // a seed group: its runs are stored (and exported), but its cases get no verdict: IN PROGRESS, with how far the
        // claim's confirmatory runs have come
        ClaimProgress progress = BudgetedRuns.progress(NightOrder.of(ClaimPlan.of(claim, p.confirmatorySeeds())), ex.store()::has,
                estimates(p),
                "none: a seed group (-D" + SeedSelection.PROPERTY + ") of the confirmatory seeds " + p.confirmatoryRange());
        System.out.printf("[%s] seed group %s done: no verdict from a piece; the claim: %s%n", claim.id(), plan.seeds(), progress.text());
        return new ClaimResult(measured, data.describe(), Map.of(), seconds, every, null, progress);
    }

    /** The run-time estimates of a dataset's runs (measured here, else the step-time table), one per dataset. */
    private RunEstimates estimates(ClaimSpec.ProfileSpec p) {
        return estimates.computeIfAbsent(p.dataset(), d -> new RunEstimates(store.checkpoints(), lth.model.Engine.gpu()));
    }

    /** Test error along the line between each instability arm's run and its twin, by the curve's name. */
    private static Map<String, double[]> curves(ClaimPlan plan, Experiment ex, TrainingData data) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (ClaimPlan.Curve r : plan.curves()) {
            double[] curve = ex.store().getDerived(r.name()).filter(v -> v.length == Instability.POINTS).orElseGet(() -> {
                double[] computed = Instability.errorAlongLine(r.setup(), data, ex.state(r.a()).params(),
                        ex.state(r.twin()).params());
                ex.store().putDerived(r.name(), computed);
                return computed;
            });
            out.put(r.name(), curve);
        }
        return out;
    }

    /** Why a claim cannot run here before any data is read: deferred by its file, no GPU, data or model not supported. */
    static String skipReason(ProfileClaim claim) {
        ClaimSpec.ProfileSpec p = claim.scale();
        if (p.nightlyOnly() != null) return "SKIPPED: " + claim.id() + DEFERRED + p.nightlyOnly();
        if ("gpu".equals(p.requires()) && !lth.model.Engine.gpu())
            return "SKIPPED: " + claim.id() + " needs a GPU backend at " + claim.profile()
                    + " scale; run on a GPU runner with -Pcuda (this JVM uses " + lth.model.Engine.backend() + ")";
        if (!DataCatalog.known(p.dataset()))
            return "SKIPPED: " + claim.id() + " needs the dataset '" + p.dataset()
                    + "', which this harness cannot load yet (known: " + DataCatalog.ids() + ")";
        String planned = lth.model.Architectures.PLANNED.get(claim.setup().model().name());
        return planned == null ? null : "SKIPPED: " + claim.id() + ": " + planned;
    }

    private static ClaimResult skipped(ClaimPlan plan, String why) {
        return new ClaimResult(new Measurements(plan, List.of(), Map.of()), plan.claim().scale().dataset(), Map.of(),
                0, List.of(), why);
    }

    /**
     * "; estimated ~3m10s to train (52 runs × ~3.9 s, 2 workers; measured step times)": a run's wall seconds from the
     * claim's runs stored from this CPU where there are, else from the step-time table ({@link StepTimes}), or what is
     * missing for one; empty when nothing is to train.
     */
    static String estimate(Setup setup, int missing, int workers, int chains, Optional<MeasuredHere> here) {
        if (missing == 0) return "";
        if (!lth.model.Engine.cpu()) return "; no estimate (step times are measured on the CPU only)";
        return perRun(setup, here).map(r -> "; estimated ~%s to train (%d runs × ~%s, %d workers; %s)"
                .formatted(StepTimes.format(StepTimes.wall(missing, r, workers, chains)), missing,
                        StepTimes.format(r), Math.min(workers, chains), here.map(MeasuredHere::describe).orElse("measured step times")))
                .orElse("; no estimate (no measured step time for " + setup.model().canonical() + " at batch "
                        + setup.train().batch() + " on " + setup.dataset() + ")");
    }

    /** Wall seconds to train a number of this claim's runs, from the same estimate as its header line; null without one. */
    static IntToDoubleFunction timeLeft(Setup setup, int workers, int chains, Optional<MeasuredHere> here) {
        if (!lth.model.Engine.cpu()) return null;
        return perRun(setup, here).<IntToDoubleFunction>map(r -> left -> StepTimes.wall(left, r, workers, chains))
                .orElse(null);
    }

    /** A run's wall seconds: the claim's runs stored from this kind of CPU, else the step-time table. */
    private static Optional<Double> perRun(Setup setup, Optional<MeasuredHere> here) {
        return here.map(MeasuredHere::seconds).or(() -> StepTimes.seconds(setup));
    }

    private static Outcome join(CompletableFuture<Outcome> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() { pool.shutdownNow(); }
}
