package lth.kernel;

import lth.model.Architectures;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import lth.data.Splits;
import lth.prune.Mask;
import lth.train.TrainConfig;
import lth.train.Trainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class FastReluTest {
    static final float[] SPECIAL = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -1f, 1f};

    @AfterEach
    void on() { FastRelu.enabled = true; }

    static INDArray values(long[] shape, char order, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 1;
        for (long s : shape) n *= (int) s;
        float[] v = new float[n];
        for (int i = 0; i < n; i++)
            v[i] = r.nextInt(3) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-6, 4)));
        return Nd4j.create(v, shape, order);
    }

    static int[] bits(INDArray a) {
        float[] v = a.dup('c').data().asFloat();
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Float.floatToRawIntBits(v[i]);
        return b;
    }

    @ParameterizedTest(name = "{0} in ''{1}'' order, ε in ''{2}'' order")
    @CsvSource({"6;5;4;4, c, c", "37;11, f, f", "37;11, c, f", "3;7;9;9, c, c"})
    @DisplayName("forward and backward equal DL4J's ActivationReLU bit for bit (0, -0, NaN, ±∞, subnormals)")
    void bitIdentical(String dims, char order, char epsOrder) {
        String[] d = dims.split(";");
        long[] shape = new long[d.length];
        for (int i = 0; i < d.length; i++) shape[i] = Long.parseLong(d[i]);
        INDArray x = values(shape, order, 1), eps = values(shape, epsOrder, 2);
        ActivationReLU dl4j = new ActivationReLU();
        FastRelu ours = new FastRelu();
        assertThat(bits(ours.getActivation(x.dup(order), true))).isEqualTo(bits(dl4j.getActivation(x.dup(order), true)));
        assertThat(bits(ours.backprop(x.dup(order), eps.dup(epsOrder)).getFirst()))
                .isEqualTo(bits(dl4j.backprop(x.dup(order), eps.dup(epsOrder)).getFirst()));
    }

    @Test
    @DisplayName("a strided view goes to ND4J's op and gives the same result")
    void stridedView() {
        INDArray big = values(new long[]{20, 30}, 'c', 3);
        INDArray view = big.get(NDArrayIndex.all(), NDArrayIndex.interval(5, 17));
        assertThat(FastRelu.direct(view)).isFalse();
        INDArray eps = values(new long[]{20, 12}, 'c', 4);
        assertThat(bits(new FastRelu().backprop(view.dup(), eps).getFirst()))
                .isEqualTo(bits(new ActivationReLU().backprop(view.dup(), eps).getFirst()));
    }

    static final Splits DATA = lth.train.TinyData.splits();

    static Trainer.Result train(String name, Optimizer opt, boolean fast) {
        FastRelu.enabled = fast;
        Network n = Architectures.build(new ModelSpec(name, 0.125), opt, 3, 1, 28, 28, 10);
        return Trainer.train(n, Mask.dense(n.prunable()), DATA, 3, new TrainConfig(8, 4, 4));
    }

    @ParameterizedTest(name = "{0}: training with the Java ReLU is bit-identical to ND4J's")
    @CsvSource({"conv-2, adam", "vgg-11, sgd", "resnet-20, sgd"})
    @DisplayName("networks train bit-identically with FastRelu and with ND4J's ReLU ops")
    void sameTraining(String name, String opt) {
        Optimizer o = opt.equals("adam") ? Optimizer.adam(2e-4) : Optimizer.sgd(0.05);
        Trainer.Result nd4j = train(name, o, false), fast = train(name, o, true);
        assertThat(fast.finalParams().data().asFloat()).isEqualTo(nd4j.finalParams().data().asFloat());
        assertThat(fast.metrics().valLoss()).isEqualTo(nd4j.metrics().valLoss());
    }
}
