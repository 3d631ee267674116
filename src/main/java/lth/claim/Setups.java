package lth.claim;

import lth.experiment.Arm;
import lth.experiment.RunSpec;
import lth.experiment.Setup;
import lth.model.Architectures;
import lth.model.ModelSpec;
import lth.model.Optimizer;
import lth.model.PrunableParam;
import lth.prune.Rates;
import lth.train.TrainConfig;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Builds the experiment setup of a claim under a profile, its runs, and the Pm of its levels ({@link ProfileClaim} holds them). */
public final class Setups {
    private Setups() { }

    /** Weight tensors per model and input: building a full-width VGG for a display name is slow. */
    private static final Map<String, List<PrunableParam>> PARAMS = new ConcurrentHashMap<>();

    public static Setup of(ClaimSpec c, String profile) { return of(c, profile, ClaimSpec.Overrides.NONE); }

    /**
     * The claim's setup under a profile, with one arm's overrides. SGD is the paper's: momentum 0.9,
     * weight decay 1e-4 (L2 on weights), linear warmup and LR drops ×0.1 from the profile.
     */
    public static Setup of(ClaimSpec c, String profile, ClaimSpec.Overrides o) {
        ClaimSpec.SetupSpec s = c.setup();
        ClaimSpec.ProfileSpec p = c.profiles().get(profile);
        double lr = o.lr() != null ? o.lr() : s.lr();
        int warmup = o.warmup(profile) != null ? o.warmup(profile) : p.warmup();
        Optimizer opt = s.optimizer().equals("sgd") ? Optimizer.sgd(lr) : Optimizer.adam(lr);
        if (warmup > 0 || !p.lrDrops().isEmpty())
            opt = opt.withSchedule(warmup, p.lrDrops().stream().mapToInt(Integer::intValue).toArray(), 0.1);
        return new Setup(s.name(), new ModelSpec(s.model(), p.width()), p.dataset(), opt,
                new TrainConfig(p.iterations(), s.batch(), p.evalEvery()).augmented(s.augment()).testAtEsAndEnd(p.testAtEsAndEnd()),
                new Rates(s.rateConv(), s.rateFc(), s.rateOutput()), o.scope() != null ? o.scope() : s.scope(),
                p.roundsPerLevel());
    }

    /** An arm's run in its setup at a level and seed (the dense net is the trunk's level 0). */
    static RunSpec run(Setup armSetup, Side.Trained arm, int level, long seed) {
        return new RunSpec(armSetup, seed, arm.dense() ? Arm.TICKET : arm.arm(), arm.dense() ? 0 : level, arm.rewind());
    }

    /** The run one side of a comparison needs at a level and seed, for a claim as {@code profile} runs it. */
    public static RunSpec spec(ClaimSpec c, String profile, ClaimSpec.Comparison cmp, boolean sideA, int level, long seed) {
        if (!(cmp.side(sideA) instanceof Side.Trained arm))
            throw new IllegalArgumentException("side " + (sideA ? "a" : "b") + " of " + cmp.name() + " is a threshold, not a run");
        return run(of(c, profile, cmp.overrides(sideA)), arm, level, seed);
    }

    /** Percent of all weights left after {@code level} paper rounds (layer-wise arithmetic). */
    public static double pmAt(Setup setup, int level) {
        if (Architectures.PLANNED.containsKey(setup.model().name())) return Double.NaN;
        int[] shape = inputShape(setup.dataset());
        List<PrunableParam> params = PARAMS.computeIfAbsent(setup.model().canonical() + "/" + setup.dataset(), k ->
                Architectures.build(setup.model(), setup.optimizer(), 0, shape[0], shape[1], shape[2], shape[3]).prunable());
        long kept = 0, total = 0;
        for (PrunableParam p : params) {
            total += p.size();
            kept += Rates.survivors(p.size(), setup.impRates().of(p.kind()), level / setup.roundsPerLevel());
        }
        return 100.0 * kept / total;
    }

    /** channels, height, width, classes of a dataset id. */
    static int[] inputShape(String dataset) {
        return switch (lth.data.DataCatalog.base(dataset)) {
            case "cifar10" -> new int[]{3, 32, 32, 10};
            case "imagenet" -> new int[]{3, 224, 224, 1000};
            default -> new int[]{1, 28, 28, 10};
        };
    }
}
