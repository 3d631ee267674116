package lth.experiment;

import lth.model.ModelSpec;
import lth.model.Optimizer;
import lth.prune.Rates;
import lth.train.TrainConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A run's key holds what changes that run's training, and nothing else. */
class RunKeysTest {
    static Setup setup(String scope, double fc, int rpl) {
        return new Setup("keys", new ModelSpec("lenet-300-100", 1.0), "tiny", Optimizer.adam(1e-3),
                new TrainConfig(30, 20, 10), new Rates(0, fc, 0.1), lth.prune.Scope.parse(scope), rpl);
    }

    @Test
    @DisplayName("runs that prune nothing (dense, θ_k, dense twin) share keys across pruning scope, rates and rounds per level")
    void denseKeysIgnorePruning() {
        Setup global = setup("global", 0.2, 5), layerwise = setup("layerwise", 0.3, 1);
        assertThat(new RunSpec(global, 1, Arm.TICKET, 0).hash()).isEqualTo(new RunSpec(layerwise, 1, Arm.TICKET, 0).hash());
        assertThat(new RunSpec(global, 1, Arm.TWIN, 0).hash()).isEqualTo(new RunSpec(layerwise, 1, Arm.TWIN, 0).hash());
        assertThat(new RunSpec(global, 1, Arm.TICKET, 0, 7).hash()).isEqualTo(new RunSpec(layerwise, 1, Arm.TICKET, 0, 7).hash());
        assertThat(new RunSpec(global, 1, Arm.TICKET, 0).hash()).as("seed").isNotEqualTo(new RunSpec(global, 2, Arm.TICKET, 0).hash());
    }

    @Test
    @DisplayName("pruned runs keep scope, rates and rounds per level in their keys")
    void prunedKeysHoldPruning() {
        assertThat(new RunSpec(setup("global", 0.2, 1), 1, Arm.TICKET, 5).hash())
                .isNotEqualTo(new RunSpec(setup("layerwise", 0.2, 1), 1, Arm.TICKET, 5).hash());
        assertThat(new RunSpec(setup("layerwise", 0.2, 1), 1, Arm.TICKET, 5).hash())
                .isNotEqualTo(new RunSpec(setup("layerwise", 0.3, 1), 1, Arm.TICKET, 5).hash());
        assertThat(new RunSpec(setup("layerwise", 0.2, 1), 1, Arm.TICKET, 5).hash())
                .isNotEqualTo(new RunSpec(setup("layerwise", 0.2, 5), 1, Arm.TICKET, 5).hash());
    }

    @Test
    @DisplayName("scoring the test set only at early stop and end is in the key (the stored test curve differs)")
    void testEvaluationInKey() {
        TrainConfig every = new TrainConfig(30, 20, 10), sparse = every.testAtEsAndEnd(true);
        assertThat(every.canonical()).isEqualTo("it=30,b=20,eval=10");
        assertThat(sparse.canonical()).isEqualTo("it=30,b=20,eval=10,test=es+end");
    }
}
