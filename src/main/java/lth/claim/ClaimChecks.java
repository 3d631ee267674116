package lth.claim;

import lth.prune.Rates;

import java.util.List;

/**
 * Checks across the fields of a parsed claim file: combinations the engine would not train as the
 * file says. Each is an error naming the file and the field, at load time, before anything runs.
 * <ul>
 *   <li>Global scope prunes with one magnitude threshold at one rate ({@link Rates#globalRate}): a
 *       global setup (the file's scope, or an arm's scope override) whose non-zero conv and fc rates
 *       differ, or whose output rate is neither 0 (left out) nor that rate, would silently use one rate.</li>
 *   <li>One-shot pruning ({@code lth.prune.MagnitudePruning.oneShot}) is layer-wise only: a
 *       {@code oneshot} arm under global scope would not be the global one-shot ticket.</li>
 *   <li>A rewound arm ({@code ticket@k}) of an Adam network: the run resumes DL4J's iteration counter at k
 *       (the learning-rate schedule resumes there) with fresh moments m = v = 0, and DL4J's Adam takes its
 *       bias correction from that counter (libnd4j's adam_updater: 1 − β^(t+1) at t = the iteration), so
 *       the first updates would be corrected as if k steps of moments had accumulated. For a steady
 *       gradient, β1 = 0.9 and β2 = 0.999, update n is c·(1−β1^n)/√(1−β2^n) times a fresh Adam's, with
 *       c = √(1−β2^(k+n))/(1−β1^(k+n)): at most 2.1x (k = 100), 4.2x (k = 500), 6.6x (k ≥ 5000), around
 *       the 12th update, still 1.1–1.3x after 1000.
 *       Momentum SGD has no bias correction; the rewound claims (STAB-1, STAB-2) use it.</li>
 * </ul>
 */
final class ClaimChecks {
    private ClaimChecks() { }

    /** {@link #check} on the claim as each of its profiles runs it ({@link ClaimSpec#forProfile}): the file's claim. */
    static ClaimSpec checkEveryProfile(ClaimSpec c) {
        check(c);
        for (var e : c.profiles().entrySet()) {
            String p = e.getKey();
            ClaimSpec view = c.forProfile(p);
            boolean rewound = view.comparisons().stream().anyMatch(x -> rewind(x.a()) > 0 || rewind(x.b()) > 0);
            if (e.getValue().rewind() > 0 && !rewound)
                throw new ClaimFileException(c.file(), "profiles." + p + ".rewind", "no comparison has a rewound arm (ticket@k) to rewind");
            for (var x : view.comparisons())
                for (Side arm : e.getValue().nightlyOnly() != null ? List.<Side>of() : List.of(x.a(), x.b()))
                    if (rewind(arm) >= e.getValue().iterations())
                        throw new ClaimFileException(c.file(), "profiles." + p + ".rewind", "'" + arm.label() + "' rewinds to iteration "
                                + rewind(arm) + ", not before the " + p + " profile's " + e.getValue().iterations()
                                + " iterations; give that profile its own rewind point (rewind: k)");
            if (view != c) check(view);
        }
        return c;
    }

    private static int rewind(Side s) { return s instanceof Side.Trained t ? t.rewind() : 0; }

    static ClaimSpec check(ClaimSpec c) {
        ClaimSpec.SetupSpec s = c.setup();
        String global = s.scope() == lth.prune.Scope.GLOBAL ? "setup.scope" : null;    // where global scope comes from
        for (int i = 0; i < c.comparisons().size(); i++) {
            ClaimSpec.Comparison cmp = c.comparisons().get(i);
            for (boolean sideA : new boolean[]{true, false}) {
                if (!(cmp.side(sideA) instanceof Side.Trained arm)) continue;
                String side = sideA ? "a" : "b";
                ClaimSpec.Overrides o = sideA ? cmp.aOverrides() : cmp.bOverrides();
                lth.prune.Scope scope = o.scope() != null ? o.scope() : s.scope();
                if (global == null && o.scope() == lth.prune.Scope.GLOBAL)
                    global = "comparisons[" + i + "]." + side + "_overrides.scope (or overrides.scope)";
                String field = "comparisons[" + i + "]." + side;
                if (arm.arm() == lth.experiment.Arm.ONESHOT && scope == lth.prune.Scope.GLOBAL)
                    throw new ClaimFileException(c.file(), field, "'oneshot' under global scope: one-shot pruning is "
                            + "layer-wise only (each layer straight to its own count), so this arm would not be the "
                            + "global one-shot ticket; give this arm scope layerwise (" + side + "_overrides: {scope: layerwise})");
                if (arm.rewind() > 0 && s.optimizer().equals("adam"))
                    throw new ClaimFileException(c.file(), field, "'" + arm.label() + "' rewinds an Adam network, which the "
                            + "harness cannot do faithfully: the rewound run resumes the iteration counter at "
                            + arm.rewind() + " with fresh Adam moments, and DL4J's Adam takes its "
                            + "bias correction from that counter, so its early updates would be up to 2–7x a "
                            + "fresh Adam's (more for larger k); rewinding is supported for SGD (setup.optimizer: sgd)");
            }
        }
        if (global != null) globalRates(c, global);
        return c;
    }

    private static void globalRates(ClaimSpec c, String global) {
        ClaimSpec.SetupSpec s = c.setup();
        try {
            new Rates(s.rateConv(), s.rateFc(), s.rateOutput()).globalRate();
        } catch (IllegalArgumentException e) {
            String field = s.rateConv() > 0 && s.rateFc() > 0 && s.rateConv() != s.rateFc() ? "setup.rates.fc"
                    : s.rateConv() == 0 && s.rateFc() == 0 ? "setup.rates" : "setup.rates.output";
            throw new ClaimFileException(c.file(), field, e.getMessage() + " (global scope from " + global
                    + "); give conv and fc one rate and the output 0 or that rate, or use scope layerwise");
        }
    }
}
