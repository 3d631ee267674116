package lth.evaluation;

import lth.experiment.Experiment;
import lth.experiment.RunGraph;
import lth.experiment.Outcome;
import lth.experiment.RunSpec;
import lth.experiment.RunStopped;
import lth.experiment.StepTimes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Trains a claim's runs in night order ({@link NightOrder}) under a time budget, on {@code workers} at a
 * time. A run is started only once the runs it starts from are stored, and only if its estimated time
 * ({@link RunEstimates}) fits in what is left of the budget, or if it could not finish within a whole
 * budget anyway (it then goes on across nights from its checkpoints). The first run that does not fit
 * closes the night: nothing after it starts, the runs in flight finish or, once the budget is spent, stop
 * at their next checkpoint ({@link Experiment#stopWhen}). What is not stored then is the claim's progress.
 */
final class BudgetedRuns {
    private BudgetedRuns() { }

    /** Whether a run with this estimate may start with the budget as it is. */
    static boolean fits(RunEstimates.Estimate e, Budget budget) {
        return !budget.limited() || fits(e.seconds(), budget.left(), budget.total());
    }

    /**
     * The rule: a run of {@code seconds} left to train (NaN: unknown) starts with {@code left} of a budget of
     * {@code total} if some is left and it fits, could never fit in a whole budget, or has no estimate.
     */
    static boolean fits(double seconds, double left, double total) {
        return left > 0 && (Double.isNaN(seconds) || seconds <= left || seconds > total);
    }

    /**
     * Trains what {@code order} lacks as far as the budget allows; null when every run is stored, else the
     * progress. {@code started} is told each run as it is started (the night's order, for the tests).
     */
    static ClaimProgress run(String label, List<RunSpec> order, Experiment ex, Budget budget, RunEstimates estimates,
                             int workers, Consumer<RunSpec> started) {
        Set<String> done = new HashSet<>();
        Map<String, List<String>> needs = new LinkedHashMap<>();
        for (RunSpec s : order) {
            if (ex.store().has(s)) done.add(s.hash());
            needs.put(s.hash(), RunGraph.dependencies(s).stream().map(RunSpec::hash).toList());
        }
        System.out.printf("[%s] night order: %d runs, %d stored; %s%n", label, order.size(), done.size(), budget.describe());
        Map<String, CompletableFuture<Outcome>> inFlight = new LinkedHashMap<>();
        boolean closed = false;
        while (true) {
            closed |= budget.spent();
            for (RunSpec s : order) {
                if (closed || inFlight.size() >= workers) break;
                if (done.contains(s.hash()) || inFlight.containsKey(s.hash()) || !done.containsAll(needs.get(s.hash()))) continue;
                RunEstimates.Estimate e = estimates.of(s);
                if (!fits(e, budget)) {
                    System.out.printf("[%s] budget: not starting %s (~%s to train, from %s) with %s; the night stops here "
                            + "and the next one continues from the store%n", label, s.describe(), StepTimes.format(e.seconds()),
                            e.basis(), budget.describe());
                    closed = true;
                    break;
                }
                started.accept(s);
                inFlight.put(s.hash(), ex.run(s));
            }
            if (inFlight.isEmpty()) break;
            CompletableFuture.anyOf(inFlight.values().toArray(CompletableFuture[]::new)).handle((r, t) -> null).join();
            for (var it = inFlight.entrySet().iterator(); it.hasNext(); ) {
                var f = it.next();
                if (!f.getValue().isDone()) continue;
                it.remove();
                try {
                    Outcome o = f.getValue().join();
                    done.add(f.getKey());
                    estimates.measured(o);
                } catch (CompletionException failed) {
                    if (!RunStopped.is(failed))
                        throw failed.getCause() instanceof RuntimeException re ? re : failed;
                }
            }
        }
        if (order.stream().allMatch(s -> done.contains(s.hash()))) return null;
        return progress(order, s -> done.contains(s.hash()), estimates, budget.describe());
    }

    /**
     * How far {@code order} has come: the runs {@code stored}, of them all, and the estimated training time of the others
     * (a progress with every run done when none is left: a seed group's, which is no verdict either way).
     */
    static ClaimProgress progress(List<RunSpec> order, java.util.function.Predicate<RunSpec> stored, RunEstimates estimates,
                                  String budget) {
        List<RunSpec> left = new ArrayList<>();
        for (RunSpec s : order) if (!stored.test(s)) left.add(s);
        double seconds = 0;
        int unknown = 0;
        Map<String, Integer> basis = new TreeMap<>();
        for (RunSpec s : left) {
            RunEstimates.Estimate e = estimates.of(s);
            if (e.known()) seconds += e.seconds();
            else unknown++;
            basis.merge(e.basis(), 1, Integer::sum);
        }
        basis.remove(RunEstimates.NONE);
        return new ClaimProgress(order.size() - left.size(), order.size(), seconds, unknown, basis,
                lth.model.Engine.gpu() ? "GPU-hours" : "CPU-hours", budget);
    }
}
