package lth.experiment;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The runs a plan will train: those neither in the store nor known in this JVM, and the runs they branch
 * from that the store holds without weights (imported by {@code scripts/tier-runs}, metrics only), which
 * are retrained for their weights first. This is what progress counts and time estimates are made of.
 */
final class RunsToTrain {
    private RunsToTrain() { }

    static Map<String, RunSpec> of(List<RunSpec> specs, Predicate<String> known, RunStore store) {
        Map<String, RunSpec> out = new LinkedHashMap<>();
        var todo = new ArrayDeque<RunSpec>();
        for (RunSpec s : RunGraph.closure(specs).values())
            if (!known.test(s.hash()) && !store.has(s) && out.putIfAbsent(s.hash(), s) == null) todo.add(s);
        while (!todo.isEmpty()) {
            for (RunSpec d : RunGraph.dependencies(todo.pop())) {
                if (out.containsKey(d.hash()) || !store.has(d) || store.hasWeights(d)) continue;
                out.put(d.hash(), d);
                todo.add(d);
            }
        }
        return out;
    }
}
