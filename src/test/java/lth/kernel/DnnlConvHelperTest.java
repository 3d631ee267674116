package lth.kernel;

import lth.model.Architectures;
import lth.model.ConvKernels;
import lth.model.Engine;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import lth.prune.Mask;
import lth.train.TrainConfig;
import lth.train.Trainer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static lth.kernel.ForwardConvBackpropTest.grads;
import static lth.kernel.ForwardConvBackpropTest.relativeError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DnnlConvHelper}: oneDNN 2.5's direct convolutions (forward, backward data, backward weights) equal DL4J's
 * oneDNN helper to float rounding (not bit for bit: other kernels, hence their own run-key part), on the shapes the
 * Conv-N networks train and odd ones (non-square, 5×5 kernels, one input channel, no bias, pruned weights, ReLU,
 * batch sizes changing between calls); other shapes go to DL4J's helper bit for bit; only the architectures whose
 * keys name it use it; a whole Conv-6 trains alike.
 */
class DnnlConvHelperTest {

    static MultiLayerNetwork net(boolean dnnl, int cin, int cout, int h, int w, int k, boolean bias, Activation act, int stride) {
        ConvolutionLayer.Builder b = new ConvolutionLayer.Builder(k, k).stride(stride, stride).nOut(cout).hasBias(bias).activation(act);
        var conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT).convolutionMode(ConvolutionMode.Same).list()
                .layer(0, dnnl ? new CachingConvolution.Dnnl(b) : new CachingConvolution(b))
                .setInputType(InputType.convolutional(h, w, cin)).build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    static void assume() {
        Assumptions.assumeTrue(Engine.oneDnn(), "DL4J's oneDNN helper is off in this JVM: the kernel replaces it only");
        Assumptions.assumeTrue(CachingConvolution.dnnlAvailable(), "oneDNN 2.5's native library does not load here: " + CachingConvolution.dnnlProblem());
    }

    @ParameterizedTest(name = "{0}→{1} channels, {2}×{3}, {4}×{4} kernel, bias {5}, {6}, pruned {7}")
    @CsvSource({"1, 16, 28, 28, 3, true, RELU, false", "16, 16, 28, 28, 3, true, RELU, true", "16, 32, 14, 14, 3, false, IDENTITY, false",
            "64, 64, 7, 7, 3, true, RELU, true", "3, 5, 9, 13, 3, true, RELU, true", "4, 8, 11, 10, 5, false, IDENTITY, false"})
    @DisplayName("forward output, dW, db and dX agree with DL4J's oneDNN helper to float rounding (1e-5 of the largest)")
    void agreesWithDl4j(int cin, int cout, int h, int w, int k, boolean bias, Activation act, boolean pruned) {
        assume();
        MultiLayerNetwork plain = net(false, cin, cout, h, w, k, bias, act, 1), fast = net(true, cin, cout, h, w, k, bias, act, 1);
        INDArray params = plain.params().dup();
        if (pruned) {   // zero every third weight, as a mask would (biases come first in the view; they stay)
            long nb = bias ? cout : 0, nw = (long) cout * cin * k * k;
            for (long i = nb; i < nb + nw; i += 3) params.putScalar(i, 0f);
        }
        plain.setParams(params);
        fast.setParams(params.dup());
        Nd4j.getRandom().setSeed(11);
        for (int batch : new int[]{5, 3}) {     // the batch size changes: other primitives
            INDArray x = Nd4j.randn(DataType.FLOAT, batch, cin, h, w), eps = Nd4j.randn(DataType.FLOAT, batch, cout, h, w);
            INDArray yWant = plain.output(x, false), yGot;
            long f0 = DnnlConvHelper.FORWARD.get(), b0 = DnnlConvHelper.BACKWARD.get();
            yGot = fast.output(x, false);
            INDArray[] want = grads(plain, x, eps), got = grads(fast, x, eps);
            assertThat(DnnlConvHelper.FORWARD.get() - f0).as("the kernel ran forward (inference, training)").isEqualTo(2);
            assertThat(DnnlConvHelper.BACKWARD.get() - b0).as("the kernel ran backward").isEqualTo(1);
            assertThat(relativeError(yGot, yWant)).as("output").isLessThan(1e-5);
            assertThat(relativeError(got[0], want[0])).as("dW").isLessThan(1e-5);
            assertThat(relativeError(got[2], want[2])).as("dX").isLessThan(1e-5);
            if (bias) assertThat(relativeError(got[1], want[1])).as("db").isLessThan(1e-5);
            else assertThat(got[1]).isNull();
            if (pruned) {
                long nb = bias ? cout : 0;
                INDArray p = fast.params();
                for (long i = nb; i < nb + (long) cout * cin * k * k; i += 3) assertThat(p.getFloat(i)).isZero();
            }
        }
    }

    @Test
    @DisplayName("a stride-2 convolution goes to DL4J's helper, bit for bit")
    void otherShapesDelegate() {
        assume();
        MultiLayerNetwork plain = net(false, 4, 8, 14, 14, 3, true, Activation.IDENTITY, 2), fast = net(true, 4, 8, 14, 14, 3, true, Activation.IDENTITY, 2);
        fast.setParams(plain.params().dup());
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 4, 14, 14), eps = Nd4j.randn(DataType.FLOAT, 3, 8, 7, 7);
        long f0 = DnnlConvHelper.FORWARD.get(), b0 = DnnlConvHelper.BACKWARD.get();
        INDArray[] want = grads(plain, x, eps), got = grads(fast, x, eps);
        assertThat(DnnlConvHelper.FORWARD.get()).isEqualTo(f0);
        assertThat(DnnlConvHelper.BACKWARD.get()).isEqualTo(b0);
        for (int i = 0; i < 3; i++) assertThat(got[i].data().asFloat()).isEqualTo(want[i].data().asFloat());
    }

    @ParameterizedTest(name = "{0}: uses the kernel {1}")
    @CsvSource({"conv-4, true", "conv-6, true", "conv-2-dropout, true", "conv-6-dropout, true", "conv-2, false", "vgg-11, false", "resnet-20, false"})
    @DisplayName("only the architectures whose run keys name it train with it")
    void onlyKeyedArchitectures(String name, boolean uses) {
        assume();
        ModelSpec spec = new ModelSpec(name, 0.25);
        assertThat(spec.convKey().startsWith(";conv=dnnl-2.5")).isEqualTo(uses);
        assertThat(ConvKernels.convByDnnl(spec)).isEqualTo(uses);
        Optimizer opt = name.startsWith("conv") ? Optimizer.adam(2e-4) : Optimizer.sgd(0.05);
        Network n = Architectures.build(spec, opt, 3, 1, 28, 28, 10);
        long before = DnnlConvHelper.BACKWARD.get();
        Trainer.Result r = Trainer.train(n, Mask.dense(n.prunable()), lth.train.TinyData.splits(), 3, new TrainConfig(4, 4, 4));
        assertThat(DnnlConvHelper.BACKWARD.get() > before).isEqualTo(uses);
        assertThat(java.util.Arrays.stream(r.metrics().valLoss()).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    @DisplayName("-Dlth.kernel.dnnlConv=all puts Conv-2 and VGG on it too (for benchmarks), and their keys say so")
    void allForBenchmarks() {
        assume();
        ModelSpec vgg = new ModelSpec("vgg-19", 0.125);
        assertThat(vgg.convKey()).isEmpty();
        System.setProperty("lth.kernel.dnnlConv", "all");
        try {
            assertThat(vgg.convKey()).startsWith(";conv=dnnl-2.5");
            assertThat(new ModelSpec("resnet-20", 0.25).convKey()).as("ResNet-20 keeps its own kernel").isEqualTo(";conv=lth/1");
            Network n = Architectures.build(vgg, Optimizer.sgd(0.05), 3, 1, 28, 28, 10);
            long before = DnnlConvHelper.BACKWARD.get();
            Trainer.train(n, Mask.dense(n.prunable()), lth.train.TinyData.splits(), 3, new TrainConfig(2, 4, 2));
            assertThat(DnnlConvHelper.BACKWARD.get()).isGreaterThan(before);
        } finally {
            System.clearProperty("lth.kernel.dnnlConv");
        }
    }

    /** {@code spec} after 4 steps at batch 32; {@code keep}: the first layer's input gradient computed as DL4J does. */
    static INDArray trained(ModelSpec spec, Optimizer opt, boolean keep) {
        if (keep) System.setProperty("lth.kernel.firstInputGradient", "keep");
        try {
            Network n = Architectures.build(spec, opt, 3, 1, 28, 28, 10);
            return Trainer.train(n, Mask.dense(n.prunable()), lth.train.TinyData.splits(), 3, new TrainConfig(4, 32, 4)).finalParams();
        } finally {
            System.clearProperty("lth.kernel.firstInputGradient");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"conv-6, 0.25", "conv-2-dropout, 0.25", "resnet-20, 0.25"})
    @DisplayName("the first layer's input gradient, which training never reads, is left at zero: parameters bit-identical to computing it")
    void firstLayerInputGradientSkipped(String name, double width) {
        assume();
        ModelSpec spec = new ModelSpec(name, width);
        Optimizer opt = name.startsWith("conv") ? Optimizer.adam(3e-4) : Optimizer.sgd(0.05);
        long before = DnnlConvHelper.SKIPPED.get();
        INDArray skipped = trained(spec, opt, false);
        assertThat(DnnlConvHelper.SKIPPED.get() - before).as("one skip a step").isEqualTo(4);
        INDArray kept = trained(spec, opt, true);
        assertThat(skipped.data().asFloat()).isEqualTo(kept.data().asFloat());
    }

    /** A Conv-6 (width 1/4) after {@code steps} Adam steps at batch 32; {@code nudge}: one weight moved up one ulp first. */
    static INDArray conv6(boolean dnnl, int steps, boolean nudge) {
        if (!dnnl) System.setProperty("lth.kernel.dnnlConv", "false");
        try {
            Network n = Architectures.build(new ModelSpec("conv-6", 0.25), Optimizer.adam(3e-4), 3, 1, 28, 28, 10);
            if (nudge) {
                INDArray p = n.net().params();
                p.putScalar(100, Math.nextUp(p.getFloat(100)));
            }
            return Trainer.train(n, Mask.dense(n.prunable()), lth.train.TinyData.splits(), 3, new TrainConfig(steps, 32, steps)).finalParams();
        } finally {
            System.clearProperty("lth.kernel.dnnlConv");
        }
    }

    @Test
    @DisplayName("a whole Conv-6 trains as with DL4J's helper: after 2 and 8 Adam steps no further from it than a one-ulp change of one weight takes DL4J's own path")
    void conv6TrainsAlike() {
        assume();
        INDArray a2 = conv6(true, 2, false), b2 = conv6(false, 2, false), n2 = conv6(false, 2, true);
        System.out.printf("conv-6 after 2 steps: kernel vs DL4J %.3e, one-ulp nudge vs DL4J %.3e%n", relativeError(a2, b2), relativeError(n2, b2));
        assertThat(relativeError(a2, b2)).as("parameters after 2 steps, against a one-ulp nudge's %.2e", relativeError(n2, b2))
                .isLessThan(Math.max(1e-5, 2 * relativeError(n2, b2)));
        // Other bits than DL4J's on some CPUs (Intel Xeon, AVX-512), the same on others (AMD EPYC Zen 3, AVX2: both oneDNN
        // versions pick the same kernels there): keyed either way, since a run's key must not depend on the machine.
        System.out.printf("conv-6 after 2 steps: bits %s DL4J's on this CPU%n",
                java.util.Arrays.equals(a2.data().asFloat(), b2.data().asFloat()) ? "the same as" : "other than");
        assertThat(new ModelSpec("conv-6", 0.25).convKey()).as("keyed").startsWith(";conv=dnnl-");
        INDArray a8 = conv6(true, 8, false), b8 = conv6(false, 8, false), n8 = conv6(false, 8, true);
        System.out.printf("conv-6 after 8 steps: kernel vs DL4J %.3e, one-ulp nudge vs DL4J %.3e%n", relativeError(a8, b8), relativeError(n8, b8));
        assertThat(relativeError(a8, b8)).as("after 8 steps, against a one-ulp nudge's %.2e", relativeError(n8, b8))
                .isLessThan(Math.max(1e-5, 5 * relativeError(n8, b8)));
    }
}
