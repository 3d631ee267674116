package lth.train;

import lth.model.Architectures;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import lth.prune.Mask;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Same seed, same configuration: bit-identical metrics and parameter hash in one JVM (OMP_NUM_THREADS=1,
 * as surefire and failsafe pin it). The things that may still change the bits across machines (native
 * build, threads, BLAS environment) are recorded by {@link lth.report.Provenance}.
 */
class DeterminismTest {
    static final TrainConfig CFG = new TrainConfig(30, 20, 10);

    static Trainer.Result train(long seed) {
        Network n = Architectures.build(new ModelSpec("lenet-300-100", 1.0), Optimizer.adam(1.2e-3), seed, 1, 28, 28, 10);
        return Trainer.train(n, Mask.dense(n.prunable()), TinyData.splits(), seed, CFG);
    }

    @Test
    @DisplayName("same seed and configuration: bit-identical metrics and SHA-256 of the final parameters")
    void sameSeedSameBits() {
        Trainer.Result a = train(5), b = train(5), other = train(6);
        assertThat(b.metrics().valLoss()).isEqualTo(a.metrics().valLoss());
        assertThat(b.metrics().valAccuracy()).isEqualTo(a.metrics().valAccuracy());
        assertThat(b.metrics().testAccuracy()).isEqualTo(a.metrics().testAccuracy());
        assertThat(b.metrics().esIteration()).isEqualTo(a.metrics().esIteration());
        assertThat(Trainer.paramHash(b.finalParams())).isEqualTo(Trainer.paramHash(a.finalParams())).hasSize(64);
        assertThat(Trainer.paramHash(other.finalParams())).as("another seed gives other bits").isNotEqualTo(Trainer.paramHash(a.finalParams()));
    }

    @Test
    @DisplayName("the parameter hash treats -0.0 and +0.0 alike (pruned weights may carry either sign)")
    void signedZerosHashAlike() {
        var pos = org.nd4j.linalg.factory.Nd4j.create(new float[]{1f, 0f, 2f});
        var neg = org.nd4j.linalg.factory.Nd4j.create(new float[]{1f, -0f, 2f});
        assertThat(Trainer.paramHash(neg)).isEqualTo(Trainer.paramHash(pos));
        assertThat(Trainer.paramHash(org.nd4j.linalg.factory.Nd4j.create(new float[]{1f, 0f, 2.0000002f})))
                .isNotEqualTo(Trainer.paramHash(pos));
    }
}
