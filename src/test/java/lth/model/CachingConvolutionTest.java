package lth.model;

import lth.data.Splits;
import lth.prune.Mask;
import lth.train.TrainConfig;
import lth.train.Trainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CachingConvolutionTest {
    static final Splits DATA = lth.train.TinyData.splits();

    @AfterEach
    void reuseOn() { CachingConvolution.reuse = true; }

    static Trainer.Result train(String name, Optimizer opt, boolean reuse) {
        CachingConvolution.reuse = reuse;
        Network n = Architectures.build(new ModelSpec(name, 0.125), opt, 3, 1, 28, 28, 10);
        return Trainer.train(n, Mask.dense(n.prunable()), DATA, 3, new TrainConfig(8, 4, 4));
    }

    @ParameterizedTest(name = "{0}: reusing the forward pre-activation in backprop gives bit-identical training")
    @CsvSource({"conv-2, adam", "conv-2-dropout, adam", "vgg-11, sgd", "resnet-20, sgd"})
    @DisplayName("keeping the pre-activation changes no bit")
    void bitIdentical(String name, String opt) {
        Optimizer o = opt.equals("adam") ? Optimizer.adam(2e-4) : Optimizer.sgd(0.05);
        Trainer.Result plain = train(name, o, false);
        long before = CachingConvolution.REUSED.get();
        Trainer.Result kept = train(name, o, true);
        long reused = CachingConvolution.REUSED.get() - before;
        assertThat(kept.finalParams().data().asFloat()).isEqualTo(plain.finalParams().data().asFloat());
        assertThat(kept.metrics().valLoss()).isEqualTo(plain.metrics().valLoss());
        // with DL4J's convolution helper (the oneDNN engine) every conv layer reuses it once per step;
        // with DL4J's own implementation (-Dlth.dl4jConv) nothing is kept
        if (Engine.oneDnn()) assertThat(reused).isGreaterThanOrEqualTo(8);
        else assertThat(reused).isZero();
    }
}
