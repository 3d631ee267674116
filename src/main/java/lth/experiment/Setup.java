package lth.experiment;

import lth.model.ModelSpec;
import lth.model.Optimizer;
import lth.prune.Rates;
import lth.prune.Scope;
import lth.train.TrainConfig;

/**
 * Everything a trial's training depends on except its seed: the network, data, optimizer,
 * schedule and pruning. {@code roundsPerLevel} > 1 compounds that many paper rounds into one IMP
 * round (a faster route to the same Pm), so levels stay in the paper's round numbers.
 */
public record Setup(String name, ModelSpec model, String dataset, Optimizer optimizer, TrainConfig train,
                    Rates rates, Scope scope, int roundsPerLevel) {
    public Setup {
        if (scope == null) throw new IllegalArgumentException("scope must be layerwise or global, got null");
        if (roundsPerLevel < 1) throw new IllegalArgumentException("rounds_per_level must be >= 1");
    }

    /**
     * The canonical description hashed into run keys. Defaults are written only when they differ, so
     * that adding a hyperparameter with a neutral default keeps old keys valid.
     */
    public String canonical() { return canonical(true); }

    /**
     * As {@link #canonical()}; without {@code pruning} the pruning rates, scope and rounds per level are
     * left out: the key of a run that prunes nothing (the dense network, θ_k, the dense twin), which
     * is the same training whatever the pruning that later branches from it.
     */
    public String canonical(boolean pruning) {
        return "model=" + model.canonical() + "|data=" + dataset + "|opt=" + optimizer.canonical()
                + "|" + train.canonical()
                + (!pruning ? "" : "|rates=" + rates.canonical()
                + (scope == Scope.LAYERWISE ? "" : "|scope=" + scope.label())
                + (roundsPerLevel == 1 ? "" : "|rpl=" + roundsPerLevel));
    }

    /** The effective per-IMP-round rates: {@code roundsPerLevel} paper rounds compounded. */
    public Rates impRates() {
        return new Rates(compound(rates.conv()), compound(rates.fc()), compound(rates.output()));
    }

    private double compound(double r) { return 1 - Math.pow(1 - r, roundsPerLevel); }
}
