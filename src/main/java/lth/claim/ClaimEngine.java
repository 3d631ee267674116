package lth.claim;

import lth.data.DataCatalog;
import lth.data.DataUnavailableException;
import lth.data.TrainingData;
import lth.experiment.*;
import lth.stats.*;

import java.util.*;
import java.util.concurrent.*;

/**
 * Evaluates a claim once per JVM: plans the runs its cases need, has the experiment train what the
 * store lacks (both cores busy), then tests each comparison over its levels with Holm across them.
 * All JUnit cases of the claim read the same result.
 */
public final class ClaimEngine {
    private ClaimEngine() { }

    private static final Map<String, ClaimResult> RESULTS = new ConcurrentHashMap<>();
    private static final Map<String, Experiment> EXPERIMENTS = new ConcurrentHashMap<>();
    /**
     * Created on first use, not in a static initializer: a malformed {@code -Dlth.workers} then fails
     * each claim with its own clear message instead of an ExceptionInInitializerError followed by
     * NoClassDefFoundErrors that do not say why.
     */
    private static ExecutorService workers;

    private static synchronized ExecutorService pool() {
        if (workers == null)
            workers = Executors.newFixedThreadPool(workers(), r -> {
                Thread t = new Thread(r, "lth-worker");
                t.setDaemon(true);
                return t;
            });
        return workers;
    }

    static int workers() {
        String w = System.getProperty("lth.workers", String.valueOf(Runtime.getRuntime().availableProcessors()));
        try {
            int n = Integer.parseInt(w.strip());
            if (n < 1 || n > 256) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dlth.workers=" + w + " is not a worker count (1..256)");
        }
    }

    public static synchronized ClaimResult evaluate(ClaimSpec claim, String profile) {
        return RESULTS.computeIfAbsent(claim.id() + "/" + profile, k -> run(claim, profile));
    }

    private static ClaimResult run(ClaimSpec claim, String profile) {
        ClaimSpec.ProfileSpec p = claim.profiles().get(profile);
        Setup setup = Setups.of(claim, profile);
        List<Long> seeds = SeedSelection.of(claim, p);
        String skip = skipReason(claim, profile, p);
        if (skip != null) return skipped(claim, profile, setup, seeds, skip);
        if (!DataCatalog.ids().contains(p.dataset()))
            return skipped(claim, profile, setup, seeds, "SKIPPED: " + claim.id() + " needs the dataset '" + p.dataset()
                    + "', which this harness cannot load yet (known: " + DataCatalog.ids() + ")");
        String planned = lth.model.Architectures.PLANNED.get(setup.model().name());
        if (planned != null) return skipped(claim, profile, setup, seeds, "SKIPPED: " + claim.id() + ": " + planned);
        TrainingData data;
        try {
            data = DataCatalog.source(p.dataset());
        } catch (DataUnavailableException e) {
            return skipped(claim, profile, setup, seeds, "SKIPPED: " + e.getMessage());
        }
        long start = System.nanoTime();
        List<RunSpec> plan = plan(claim, profile, setup, seeds);
        Experiment ex = EXPERIMENTS.computeIfAbsent(p.dataset(), d ->
                new Experiment(data, RunStore.fromProperties(), pool()));
        int missing = ex.missing(plan);
        System.out.printf("[%s] %s profile%s, seeds %s: %d runs (%d to train) on %s%s%n", claim.id(), DryRun.label(profile),
                SeedSelection.pilot() ? " (PILOT)" : "", seeds, plan.size(), missing, data.describe(),
                estimate(setup, missing, seeds.size()));
        ex.progress(new Progress(DryRun.tag(claim.id()), missing));
        List<CompletableFuture<Outcome>> futures = plan.stream().map(ex::run).toList();
        List<Outcome> outcomes = futures.stream().map(ClaimEngine::join).toList();
        double seconds = (System.nanoTime() - start) / 1e9;
        long cached = outcomes.stream().filter(Outcome::cached).count();
        Map<String, double[]> curves = curves(claim, profile, seeds, ex, data);
        RunSummary.runs(outcomes);
        ClaimResult partial = new ClaimResult(claim, profile, setup, data.describe(), seeds, outcomes, curves, Map.of(),
                seconds, outcomes.size() - cached, cached, null);
        ClaimResult result = new ClaimResult(claim, profile, setup, data.describe(), seeds, outcomes, curves,
                analyse(claim, profile, partial), seconds, partial.trained(), cached, null);
        ResultsExport.write(result);
        return result;
    }

    /** Test error along the line between each instability arm's run and its twin. */
    private static Map<String, double[]> curves(ClaimSpec claim, String profile, List<Long> seeds, Experiment ex, TrainingData data) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (CurveRun r : curveRuns(claim, profile, seeds)) {
            double[] curve = ex.store().getDerived(r.name()).filter(v -> v.length == Instability.POINTS).orElseGet(() -> {
                double[] computed = Instability.errorAlongLine(r.setup(), data, ex.stored(r.a()).state().params(),
                        ex.stored(r.twin()).state().params());
                ex.store().putDerived(r.name(), computed);
                return computed;
            });
            out.put(r.key(), curve);
        }
        return out;
    }

    /**
     * One interpolation curve: the arm's run {@code a} and its {@code twin}, the derived-store file
     * {@code name} and the result's curve {@code key}. The network the line is evaluated on is built
     * from the arm's own setup (its overrides included), the setup {@code a} and its twin trained in.
     */
    record CurveRun(String key, String name, RunSpec a, RunSpec twin) {
        Setup setup() { return a.setup(); }
    }

    /** The interpolation curves a claim's instability comparisons need under a profile. */
    static List<CurveRun> curveRuns(ClaimSpec claim, String profile, List<Long> seeds) {
        List<CurveRun> out = new ArrayList<>();
        for (ClaimSpec.Comparison c : claim.comparisons()) {
            if (!c.metric().equals(ClaimFiles.INSTABILITY)) continue;
            for (int level : c.levels().get(profile))
                for (long seed : seeds) {
                    RunSpec a = Setups.spec(claim, profile, c, true, level, seed);   // as planned
                    RunSpec twin = new RunSpec(a.setup(), seed, Arm.TWIN, a.level());
                    out.add(new CurveRun(ClaimResult.curveKey(c.a(), level, seed),
                            "lmc-" + a.hash() + "-" + twin.hash() + "-test-" + Instability.POINTS + ".txt", a, twin));
                }
        }
        return out;
    }

    /** What a skip reason holds when the claim's file defers it to the nightly profile ({@code nightly_only}). */
    static final String DEFERRED = " runs in the nightly profile only: ";

    private static String skipReason(ClaimSpec claim, String profile, ClaimSpec.ProfileSpec p) {
        if (p.nightlyOnly() != null)
            return "SKIPPED: " + claim.id() + DEFERRED + p.nightlyOnly();
        if ("gpu".equals(p.requires()) && !lth.model.Engine.gpu())
            return "SKIPPED: " + claim.id() + " needs a GPU backend at " + profile
                    + " scale; run on a GPU runner with -Pcuda (this JVM uses " + lth.model.Engine.backend() + ")";
        return null;
    }

    private static ClaimResult skipped(ClaimSpec claim, String profile, Setup setup, List<Long> seeds, String why) {
        return new ClaimResult(claim, profile, setup, claim.profiles().get(profile).dataset(), seeds, List.of(),
                Map.of(), Map.of(), 0, 0, 0, why);
    }

    /**
     * "; estimated ~3m10s to train (52 runs × ~3.9 s, 2 workers)" from the measured step times
     * ({@link StepTimes}), or what is missing for one; empty when nothing is to train.
     */
    static String estimate(Setup setup, int missing, int seeds) {
        if (missing == 0) return "";
        if (!lth.model.Engine.cpu()) return "; no estimate (step times are measured on the CPU only)";
        return StepTimes.seconds(setup).map(run -> "; estimated ~%s to train (%d runs × ~%s, %d workers; measured step times)"
                .formatted(StepTimes.format(StepTimes.wall(missing, run, workers(), seeds)), missing,
                        StepTimes.format(run), Math.min(workers(), seeds)))
                .orElse("; no estimate (no measured step time for " + setup.model().canonical() + " at batch "
                        + setup.train().batch() + " on " + setup.dataset() + ")");
    }

    /** Every run a claim's cases need under a profile, in training order (the trunk first). */
    public static List<RunSpec> plan(ClaimSpec claim, String profile, Setup setup, List<Long> seeds) {
        LinkedHashSet<RunSpec> specs = new LinkedHashSet<>();
        // The whole IMP trunk up to the deepest level is trained anyway; keeping it gives the charts every level.
        int deepest = claim.comparisons().stream().flatMap(c -> c.levels().get(profile).stream()).max(Integer::compare).orElse(0);
        for (long seed : seeds)
            for (int level = 0; level <= deepest; level += setup.roundsPerLevel())
                specs.add(new RunSpec(setup, seed, Arm.TICKET, level));
        for (ClaimSpec.Comparison c : claim.comparisons())
            for (int level : c.levels().get(profile))
                for (long seed : seeds)
                    for (boolean sideA : List.of(true, false)) {
                        if ((sideA ? c.a() : c.b()).equals(ClaimFiles.THRESHOLD)) continue;
                        RunSpec s = Setups.spec(claim, profile, c, sideA, level, seed);
                        specs.add(s);
                        if (c.metric().equals(ClaimFiles.INSTABILITY))
                            specs.add(new RunSpec(s.setup(), seed, Arm.TWIN, s.level()));
                    }
        return List.copyOf(specs);
    }

    private static Map<String, PairedResult> analyse(ClaimSpec claim, String profile, ClaimResult r) {
        Map<String, PairedResult> out = new LinkedHashMap<>();
        ClaimSpec.Statistics st = claim.statistics();
        for (int ci = 0; ci < claim.comparisons().size(); ci++) {
            ClaimSpec.Comparison c = claim.comparisons().get(ci);
            List<Integer> levels = c.levels().get(profile);
            List<Pair> pairs = new ArrayList<>();
            for (int level : levels)
                pairs.add(new Pair(c.name() + " @ round " + level, r.side(c, true, level), r.side(c, false, level),
                        r.cappedFraction(c, true, level), r.cappedFraction(c, false, level)));
            Hypothesis h = new Hypothesis(c.kind().equals("equivalence") ? Kind.EQUIVALENCE : Kind.SUPERIORITY,
                    c.direction().equals("greater") ? Direction.GREATER : Direction.LESS, c.relative(), c.margin(),
                    c.minEffect(), c.equivalenceBound(), st.alpha(), st.power(),
                    st.test().equals("wilcoxon") ? PrimaryTest.WILCOXON : PrimaryTest.PAIRED_T)
                    .withEarlyStop(c.metric().equals("es_iteration"));
            List<PairedResult> results = PairedAnalysis.family(pairs, h);
            for (int i = 0; i < levels.size(); i++) out.put(ClaimResult.key(ci, levels.get(i)), results.get(i));
        }
        return out;
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
}
