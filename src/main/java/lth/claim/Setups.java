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

    public static Setup of(ClaimSpec c, String profile) {
        ClaimSpec.SetupSpec s = c.setup();
        ClaimSpec.ProfileSpec p = c.profiles().get(profile);
        Optimizer opt = new Optimizer(s.optimizer(), s.lr(), s.optimizer().equals("sgd") ? 0.9 : 0, 0);
        return new Setup(s.name(), new ModelSpec(s.model(), p.width()), p.dataset(), opt,
                new TrainConfig(p.iterations(), s.batch(), p.evalEvery()),
                new Rates(s.rateConv(), s.rateFc(), s.rateOutput()), s.scope(), p.roundsPerLevel());
    }

    /** Percent of all weights left after {@code level} paper rounds (layer-wise arithmetic). */
    public static double pmAt(Setup setup, int level) {
        int[] shape = inputShape(setup.dataset());
        List<PrunableParam> params = Architectures.build(setup.model(), setup.optimizer(), 0,
                shape[0], shape[1], shape[2], shape[3]).prunable();
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
