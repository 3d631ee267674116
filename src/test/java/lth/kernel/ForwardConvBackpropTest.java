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
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ForwardConvBackprop}: the gradients of a 3×3 stride-1 convolution computed as forward convolutions
 * equal DL4J's oneDNN backward pass to float rounding (not bit for bit: another order of operations, hence
 * its own run-key part), on square and non-square inputs, with and without bias, with pruned (zero) weights
 * and ReLU; other shapes go to DL4J's helper; and only the architectures that name it in their keys use it.
 */
class ForwardConvBackpropTest {

    static MultiLayerNetwork net(boolean byForward, int cin, int cout, int h, int w, boolean bias, Activation act, int stride) {
        ConvolutionLayer.Builder b = new ConvolutionLayer.Builder(3, 3).stride(stride, stride).nOut(cout).hasBias(bias).activation(act);
        var conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT).convolutionMode(ConvolutionMode.Same).list()
                .layer(0, byForward ? new CachingConvolution.ByForward(b) : new CachingConvolution(b))
                .setInputType(InputType.convolutional(h, w, cin)).build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    /** W and b gradients and the input gradient for an external error {@code eps}, after a training forward pass. */
    static INDArray[] grads(MultiLayerNetwork n, INDArray x, INDArray eps) {
        n.setInput(x);
        n.feedForward(true, false);
        Pair<Gradient, INDArray> p = n.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces());
        INDArray b = p.getFirst().getGradientFor("0_b");
        return new INDArray[]{p.getFirst().getGradientFor("0_W").dup(), b == null ? null : b.dup(), p.getSecond().dup()};
    }

    static double relativeError(INDArray got, INDArray want) {
        return got.sub(want).amaxNumber().doubleValue() / Math.max(1e-30, want.amaxNumber().doubleValue());
    }

    @ParameterizedTest(name = "{0}→{1} channels, {2}×{3}, bias {4}, {5}, pruned {6}")
    @CsvSource({"1, 4, 28, 28, true, RELU, false", "4, 4, 28, 28, false, IDENTITY, true", "8, 8, 14, 14, false, IDENTITY, false",
            "16, 16, 7, 7, false, IDENTITY, true", "3, 5, 9, 13, true, RELU, true", "16, 32, 6, 5, true, RELU, false"})
    @DisplayName("dW, db and dX agree with DL4J's oneDNN backward pass to float rounding (1e-5 of the largest: float sums over up to 3920 terms)")
    void agreesWithDl4j(int cin, int cout, int h, int w, boolean bias, Activation act, boolean pruned) {
        Assumptions.assumeTrue(Engine.oneDnn(), "DL4J's oneDNN helper is off in this JVM: the kernel replaces its backward pass only");
        MultiLayerNetwork plain = net(false, cin, cout, h, w, bias, act, 1), fast = net(true, cin, cout, h, w, bias, act, 1);
        INDArray params = plain.params().dup();
        if (pruned) {   // zero every third weight, as a mask would (biases follow the weights in the view; they stay)
            long nw = (long) cout * cin * 9;
            for (long i = 0; i < nw; i += 3) params.putScalar(i, 0f);
        }
        plain.setParams(params);
        fast.setParams(params.dup());
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.randn(DataType.FLOAT, 5, cin, h, w), eps = Nd4j.randn(DataType.FLOAT, 5, cout, h, w);
        INDArray[] want = grads(plain, x, eps);
        long before = ForwardConvBackprop.BACKWARD.get();
        INDArray[] got = grads(fast, x, eps);
        assertThat(ForwardConvBackprop.BACKWARD.get() - before).as("the kernel ran").isEqualTo(1);
        assertThat(relativeError(got[0], want[0])).as("dW").isLessThan(1e-5);
        assertThat(relativeError(got[2], want[2])).as("dX").isLessThan(1e-5);
        if (bias) assertThat(relativeError(got[1], want[1])).as("db").isLessThan(1e-5);
        // Another order of float operations: other bits than DL4J's on every CPU seen so far (AMD Zen 5, Intel Xeon, AMD
        // EPYC Zen 3), but that is the CPU's business; the kernel is keyed either way (a run's key must not depend on the machine)
        System.out.printf("%d→%d channels: bits %s DL4J's on this CPU%n", cin, cout,
                java.util.Arrays.equals(got[0].data().asFloat(), want[0].data().asFloat())
                        && java.util.Arrays.equals(got[2].data().asFloat(), want[2].data().asFloat()) ? "the same as" : "other than");
    }

    @Test
    @DisplayName("a stride-2 convolution goes to DL4J's helper, bit for bit")
    void otherShapesDelegate() {
        Assumptions.assumeTrue(Engine.oneDnn(), "DL4J's oneDNN helper is off in this JVM");
        MultiLayerNetwork plain = net(false, 4, 8, 14, 14, false, Activation.IDENTITY, 2), fast = net(true, 4, 8, 14, 14, false, Activation.IDENTITY, 2);
        fast.setParams(plain.params().dup());
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 4, 14, 14), eps = Nd4j.randn(DataType.FLOAT, 3, 8, 7, 7);
        long before = ForwardConvBackprop.BACKWARD.get();
        INDArray[] want = grads(plain, x, eps), got = grads(fast, x, eps);
        assertThat(ForwardConvBackprop.BACKWARD.get()).isEqualTo(before);
        assertThat(got[0].data().asFloat()).isEqualTo(want[0].data().asFloat());
        assertThat(got[2].data().asFloat()).isEqualTo(want[2].data().asFloat());
    }

    @ParameterizedTest(name = "{0}: uses the kernel {1}")
    @CsvSource({"resnet-20, true", "conv-6, false", "conv-2-dropout, false", "conv-2, false", "vgg-11, false"})
    @DisplayName("only the architectures whose run keys name it train with it")
    void onlyKeyedArchitectures(String name, boolean uses) {
        Assumptions.assumeTrue(Engine.oneDnn(), "DL4J's oneDNN helper is off in this JVM");
        ModelSpec spec = new ModelSpec(name, 0.125);
        assertThat(spec.convKey().equals(";conv=lth/1")).isEqualTo(uses);    // (Conv-4/6 and the dropout Conv-N name DnnlConv's kernels instead)
        assertThat(ConvKernels.convBackwardByForward(spec)).isEqualTo(uses);
        Optimizer opt = name.startsWith("conv") ? Optimizer.adam(2e-4) : Optimizer.sgd(0.05);
        Network n = Architectures.build(spec, opt, 3, 1, 28, 28, 10);
        long before = ForwardConvBackprop.BACKWARD.get();
        Trainer.Result r = Trainer.train(n, Mask.dense(n.prunable()), lth.train.TinyData.splits(), 3, new TrainConfig(4, 4, 4));
        assertThat(ForwardConvBackprop.BACKWARD.get() > before).isEqualTo(uses);
        assertThat(java.util.Arrays.stream(r.metrics().valLoss()).allMatch(Double::isFinite)).isTrue();
    }

    /** A ResNet-20 (width 1/4) after {@code steps} SGD steps at batch 32; {@code nudge}: one weight moved up one ulp first. */
    static INDArray resnet(boolean byForward, int steps, boolean nudge) {
        if (!byForward) System.setProperty("lth.kernel.convByForward", "false");
        try {
            Network n = Architectures.build(new ModelSpec("resnet-20", 0.25), Optimizer.sgd(0.05), 3, 1, 28, 28, 10);
            if (nudge) {
                INDArray p = ((org.deeplearning4j.nn.graph.ComputationGraph) n.net()).params();
                p.putScalar(100, Math.nextUp(p.getFloat(100)));
            }
            return Trainer.train(n, Mask.dense(n.prunable()), lth.train.TinyData.splits(), 3, new TrainConfig(steps, 32, steps)).finalParams();
        } finally {
            System.clearProperty("lth.kernel.convByForward");
        }
    }

    @Test
    @DisplayName("a whole ResNet-20 trains as with DL4J's backward pass: equal to float rounding after 2 steps, and after 8 no further from it than a one-ulp change of one weight takes DL4J's own path")
    void resnetTrainsAlike() {
        Assumptions.assumeTrue(Engine.oneDnn(), "DL4J's oneDNN helper is off in this JVM");
        INDArray a2 = resnet(true, 2, false), b2 = resnet(false, 2, false);
        assertThat(relativeError(a2, b2)).as("parameters after 2 steps").isLessThan(1e-5);
        System.out.printf("resnet-20 after 2 steps: bits %s DL4J's on this CPU%n",
                java.util.Arrays.equals(a2.data().asFloat(), b2.data().asFloat()) ? "the same as" : "other than");
        assertThat(new ModelSpec("resnet-20", 0.25).convKey()).as("keyed, whatever this CPU's bits").isEqualTo(";conv=lth/1");
        // This toy setup (synthetic data, BN, LR 0.05) amplifies any rounding difference ~100× a step after the second:
        // the yardstick is what one ulp does to DL4J's own path
        INDArray a8 = resnet(true, 8, false), b8 = resnet(false, 8, false), n8 = resnet(false, 8, true);
        assertThat(relativeError(a8, b8)).as("after 8 steps, against a one-ulp nudge's %.2e", relativeError(n8, b8))
                .isLessThan(5 * relativeError(n8, b8));
    }
}
