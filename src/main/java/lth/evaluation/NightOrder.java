package lth.evaluation;

import lth.claim.ClaimPlan;
import lth.experiment.Arm;
import lth.experiment.RunGraph;
import lth.experiment.RunSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order a budgeted night trains runs in: claim after claim (one claim's runs all before the next
 * claim's), and within a claim round by round: every seed's trunk at round L, then the runs that branch at
 * round L (twins, reinitialized, random and one-shot controls), then round L+1. Every run a plan needs is
 * listed, including those it starts from (a rewound chain's lower levels, θ_k), each once. A run comes after
 * the runs it starts from, so a night that stops anywhere leaves whole rounds behind it, shared by every
 * seed, and the next night picks up at the first run not stored.
 */
public final class NightOrder {
    private NightOrder() { }

    /** A claim's runs in night order. */
    public static List<RunSpec> of(ClaimPlan plan) {
        List<RunSpec> runs = new ArrayList<>(RunGraph.closure(plan.runs()).values());
        runs.sort(Comparator.comparingInt(NightOrder::round).thenComparingInt(NightOrder::rank).thenComparingLong(RunSpec::seed));
        return runs;
    }

    /** Claims in the order given, each claim's runs in night order; a run an earlier claim lists is not repeated. */
    public static List<RunSpec> of(List<ClaimPlan> plans) {
        Map<String, RunSpec> out = new LinkedHashMap<>();
        for (ClaimPlan p : plans) for (RunSpec s : of(p)) out.putIfAbsent(s.hash(), s);
        return new ArrayList<>(out.values());
    }

    /** The round a run belongs to: its pruning level (θ_k and the dense net: 0). */
    static int round(RunSpec s) { return s.level(); }

    /** Trunk runs of a round first (any chain: reset to θ0 or rewound), then the runs that branch there. */
    static int rank(RunSpec s) {
        return s.arm() == Arm.TICKET ? 0 : 1 + s.arm().ordinal();
    }
}
