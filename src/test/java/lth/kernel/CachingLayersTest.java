package lth.kernel;

import lth.model.Architectures;
import lth.model.Engine;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import lth.data.Splits;
import lth.prune.Mask;
import lth.train.TrainConfig;
import lth.train.Trainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CachingConvolution} and {@link CachingDense}: keeping z changes no bit of training. */
class CachingLayersTest {
    static final Splits DATA = lth.train.TinyData.splits();

    @AfterEach
    void keepOn() { KeptPreActivation.enabled = true; }

    static Trainer.Result train(String name, Optimizer opt, boolean keep) {
        KeptPreActivation.enabled = keep;
        Network n = Architectures.build(new ModelSpec(name, 0.125), opt, 3, 1, 28, 28, 10);
        return Trainer.train(n, Mask.dense(n.prunable()), DATA, 3, new TrainConfig(8, 4, 4));
    }

    @ParameterizedTest(name = "{0}: reusing the forward pre-activation in backprop gives bit-identical training")
    @CsvSource({"conv-2, adam, 2", "conv-2-dropout, adam, 2", "conv-4, adam, 2", "vgg-11, sgd, 0", "resnet-20, sgd, 0"})
    @DisplayName("keeping the pre-activation changes no bit")
    void bitIdentical(String name, String opt, int denseLayers) {
        Optimizer o = opt.equals("adam") ? Optimizer.adam(2e-4) : Optimizer.sgd(0.05);
        Trainer.Result plain = train(name, o, false);
        long before = KeptPreActivation.USED.get();
        Trainer.Result kept = train(name, o, true);
        long used = KeptPreActivation.USED.get() - before;
        assertThat(kept.finalParams().data().asFloat()).isEqualTo(plain.finalParams().data().asFloat());
        assertThat(kept.metrics().valLoss()).isEqualTo(plain.metrics().valLoss());
        // 8 steps: FC layers always reuse z once per step; conv layers only with DL4J's oneDNN
        // convolution helper (with its own implementation, -Dlth.dl4jConv, they recompute)
        if (Engine.oneDnn()) assertThat(used).isGreaterThanOrEqualTo(8L * (denseLayers + 2));
        else assertThat(used).isEqualTo(8L * denseLayers);
    }
}
