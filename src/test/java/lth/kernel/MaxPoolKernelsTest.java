package lth.kernel;

import lth.data.Splits;
import lth.model.Architectures;
import lth.model.Engine;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import lth.prune.Mask;
import lth.train.TrainConfig;
import lth.train.Trainer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link MaxPoolKernels} against DL4J's pooling layer with its oneDNN helper: the same bits, forward and backward. */
class MaxPoolKernelsTest {
    static final Splits DATA = lth.train.TinyData.splits();

    @AfterEach
    void on() { MaxPoolKernels.enabled = true; }

    /** A one-layer network: 2×2/2 max pooling in {@code mode}, DL4J's ({@code fast} false) or the harness's. */
    static org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer layer(boolean fast, ConvolutionMode mode,
                                                                                       int c, int h, int w) {
        SubsamplingLayer.Builder b = new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).convolutionMode(mode);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list()
                .layer(fast ? new FastMaxPooling(b) : b.build())
                .setInputType(InputType.convolutional(h, w, c)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return (org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer) net.getLayer(0);
    }

    /** Values with many ties and every special float: ±0, NaN, ±∞, subnormals, ±MAX_VALUE, -MIN_VALUE. */
    static float[] values(int n, long seed, boolean special) {
        float[] sp = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE,
                Float.MAX_VALUE, -Float.MAX_VALUE, 1e-40f, -1e-40f, 1f, -1f};
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            v[i] = special && k < 3 ? sp[r.nextInt(sp.length)] : k < 6 ? r.nextInt(4) - 1 : (float) r.nextGaussian();
        }
        return v;
    }

    static int[] bits(INDArray a) {
        float[] f = a.dup('c').data().asFloat();
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) b[i] = Float.floatToRawIntBits(f[i]);
        return b;
    }

    @ParameterizedTest(name = "{0}x{1}x{2}x{3} {4}, special values {5}")
    @CsvSource({"2, 3, 7, 7, Same, true", "3, 8, 28, 28, Same, false", "2, 16, 14, 14, Same, true", "1, 2, 5, 6, Same, true",
            "2, 4, 1, 3, Same, true", "2, 32, 7, 7, Same, false", "2, 3, 7, 9, Truncate, true", "1, 64, 4, 4, Truncate, true",
            "2, 5, 2, 2, Same, true"})
    @DisplayName("forward and backward are bit-identical to DL4J's oneDNN pooling")
    void bitIdentical(int n, int c, int h, int w, String mode, boolean special) {
        Assumptions.assumeTrue(Engine.oneDnn(), "the kernels replace DL4J's oneDNN helper only");
        ConvolutionMode m = ConvolutionMode.valueOf(mode);
        var dl4j = layer(false, m, c, h, w);
        var fast = layer(true, m, c, h, w);
        assertThat(dl4j.getHelper().getClass().getSimpleName()).startsWith("MKLDNN");
        assertThat(fast.getHelper()).isInstanceOf(MaxPoolKernels.class);
        INDArray x = Nd4j.create(values(n * c * h * w, 7 + h, special), new long[]{n, c, h, w}, 'c');
        for (boolean training : new boolean[]{true, false}) {
            long f0 = MaxPoolKernels.FORWARD.get(), b0 = MaxPoolKernels.BACKWARD.get();
            INDArray yd = dl4j.activate(x.dup(), training, LayerWorkspaceMgr.noWorkspaces());
            INDArray yf = fast.activate(x.dup(), training, LayerWorkspaceMgr.noWorkspaces());
            assertThat(yf.shape()).isEqualTo(yd.shape());
            assertThat(bits(yf)).isEqualTo(bits(yd));
            // a gradient with ±0, NaN and ties too, in c order and as an f-order copy (DL4J may hand either)
            INDArray eps = Nd4j.create(values((int) yd.length(), 11 + w, special), yd.shape(), 'c');
            for (INDArray e : new INDArray[]{eps, eps.dup('f')}) {
                INDArray gd = dl4j.backpropGradient(e.dup(e.ordering()), LayerWorkspaceMgr.noWorkspaces()).getSecond();
                fast.activate(x.dup(), true, LayerWorkspaceMgr.noWorkspaces());
                INDArray gf = fast.backpropGradient(e.dup(e.ordering()), LayerWorkspaceMgr.noWorkspaces()).getSecond();
                assertThat(gf.shape()).isEqualTo(gd.shape());
                assertThat(bits(gf)).isEqualTo(bits(gd));
            }
            assertThat(MaxPoolKernels.FORWARD.get() - f0).isEqualTo(3);
            assertThat(MaxPoolKernels.BACKWARD.get() - b0).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("a non-contiguous input (a view) pools as its copy does")
    void views() {
        Assumptions.assumeTrue(Engine.oneDnn(), "the kernels replace DL4J's oneDNN helper only");
        var dl4j = layer(false, ConvolutionMode.Same, 3, 7, 7);
        var fast = layer(true, ConvolutionMode.Same, 3, 7, 7);
        INDArray big = Nd4j.create(values(4 * 3 * 7 * 7, 5, true), new long[]{4, 3, 7, 7}, 'c').permute(0, 1, 3, 2);
        INDArray yd = dl4j.activate(big.dup('c'), true, LayerWorkspaceMgr.noWorkspaces());
        INDArray yf = fast.activate(big, true, LayerWorkspaceMgr.noWorkspaces());
        assertThat(bits(yf)).isEqualTo(bits(yd));
    }

    static Trainer.Result train(String name, Optimizer opt, boolean fast) {
        MaxPoolKernels.enabled = fast;
        Network n = Architectures.build(new ModelSpec(name, 0.125), opt, 3, 1, 28, 28, 10);
        return Trainer.train(n, Mask.dense(n.prunable()), DATA, 3, new TrainConfig(8, 4, 4));
    }

    @ParameterizedTest(name = "{0}: the Java max pooling trains bit-identically")
    @CsvSource({"conv-6, adam", "conv-2-dropout, adam", "vgg-19, sgd"})
    @DisplayName("whole training runs are bit-identical with and without the kernels")
    void training(String name, String opt) {
        Optimizer o = opt.equals("adam") ? Optimizer.adam(2e-4) : Optimizer.sgd(0.05);
        Trainer.Result plain = train(name, o, false);
        long before = MaxPoolKernels.BACKWARD.get();
        Trainer.Result fast = train(name, o, true);
        assertThat(fast.finalParams().data().asFloat()).isEqualTo(plain.finalParams().data().asFloat());
        assertThat(fast.metrics().valLoss()).isEqualTo(plain.metrics().valLoss());
        assertThat(fast.metrics().testAccuracy()).isEqualTo(plain.metrics().testAccuracy());
        if (Engine.oneDnn()) assertThat(MaxPoolKernels.BACKWARD.get() - before).isGreaterThanOrEqualTo(8);
    }
}
