package lth.claim;

import lth.experiment.Setup;
import lth.model.Architectures;
import lth.model.ModelSpec;
import lth.model.Optimizer;
import lth.model.PrunableParam;
import lth.prune.Rates;
import lth.train.TrainConfig;

import java.util.List;

/** Builds the experiment setup of a claim under a profile, and the Pm of its levels. */
public final class Setups {
    private Setups() { }

    /** Weight tensors per model and input: building a full-width VGG for a display name is slow. */
    private static final java.util.Map<String, List<PrunableParam>> PARAMS = new java.util.concurrent.ConcurrentHashMap<>();

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

    /** The run one side of a comparison needs at a level and seed (dense = the trunk's level 0). */
    public static lth.experiment.RunSpec spec(ClaimSpec c, String profile, ClaimSpec.Comparison cmp, boolean sideA,
                                              int level, long seed) {
        String arm = sideA ? cmp.a() : cmp.b();
        String name = ClaimSpec.Comparison.armName(arm);
        Setup setup = of(c, profile, sideA ? cmp.aOverrides() : cmp.bOverrides());
        int lv = name.equals("dense") ? 0 : level;
        return new lth.experiment.RunSpec(setup, seed, lth.experiment.Arm.parse(name), lv,
                ClaimSpec.Comparison.rewindOf(arm));
    }

    /** Percent of all weights left after {@code level} paper rounds (layer-wise arithmetic). */
    public static double pmAt(Setup setup, int level) {
        if (lth.model.Architectures.PLANNED.containsKey(setup.model().name())) return Double.NaN;
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
        return switch (dataset) {
            case "cifar10" -> new int[]{3, 32, 32, 10};
            case "imagenet" -> new int[]{3, 224, 224, 1000};
            default -> new int[]{1, 28, 28, 10};
        };
    }
}
