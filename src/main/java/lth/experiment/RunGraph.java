package lth.experiment;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which runs a run starts from: the IMP trunk's previous level, θ_k and the rewound chain, one-shot's dense net. */
public final class RunGraph {
    private RunGraph() { }

    /** How many distinct runs {@code specs} need, the runs they start from (parents, θ_k) included. */
    public static int needed(List<RunSpec> specs) { return closure(specs).size(); }

    /**
     * How many independent chains {@code specs} train in: the runs among them and their starting points that start
     * from nothing (a dense net, θ_k's dense start). Two workers speed a plan up only as far as it has two chains (LTH-14:
     * two trunks a seed, one per learning-rate arm; LTH-13: one, shared by its global and layer-wise arms).
     */
    public static int chains(List<RunSpec> specs) {
        return (int) closure(specs).values().stream().filter(s -> dependencies(s).isEmpty()).count();
    }

    /** The specs and the runs they start from, by key: two specs can name one run (e.g. the dense net of a global and a layer-wise setup). */
    public static Map<String, RunSpec> closure(List<RunSpec> specs) {
        var all = new LinkedHashMap<String, RunSpec>();
        var todo = new ArrayDeque<>(specs);
        while (!todo.isEmpty()) {
            RunSpec s = todo.pop();
            if (all.putIfAbsent(s.hash(), s) == null) todo.addAll(dependencies(s));
        }
        return all;
    }

    /** The runs a spec starts from, as {@link Experiment} resolves them. */
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

    static RunSpec parentSpec(RunSpec spec) {
        int up = spec.level() - spec.setup().roundsPerLevel();
        // The rewound chain prunes from its own previous level; its first level prunes the dense net.
        return new RunSpec(spec.setup(), spec.seed(), Arm.TICKET, up, up == 0 ? 0 : spec.rewind());
    }

    /** The run whose mask and weights give this run's mask (null at level 0). */
    static RunSpec parentOf(RunSpec s) {
        return s.level() == 0 ? null : s.arm() == Arm.ONESHOT ? new RunSpec(s.setup(), s.seed(), Arm.TICKET, 0) : parentSpec(s);
    }

    /** θ_k, which a rewound ticket starts from (null for runs that start from θ0). */
    static RunSpec thetaKOf(RunSpec s) { return s.rewind() > 0 && s.level() > 0 ? new RunSpec(s.setup(), s.seed(), Arm.TICKET, 0, s.rewind()) : null; }
}
