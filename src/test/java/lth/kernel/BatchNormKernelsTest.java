package lth.kernel;

import lth.model.Architectures;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import lth.data.Splits;
import lth.prune.Mask;
import lth.train.TrainConfig;
import lth.train.Trainer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BatchNormKernelsTest {
    static final LayerWorkspaceMgr WS = LayerWorkspaceMgr.noWorkspaces();

    /** A one-layer net around a batch-norm layer on [n, c, h, w] inputs, γ and β random. */
    static org.deeplearning4j.nn.layers.normalization.BatchNormalization layer(BatchNormalization conf, int c, int h, int w, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list()
                .layer(conf)
                .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(h, w, c)).build());
        net.init();
        net.initGradientsView();
        var bn = (org.deeplearning4j.nn.layers.normalization.BatchNormalization) net.getLayer(0);
        Nd4j.getRandom().setSeed(seed);
        bn.setParam("gamma", Nd4j.rand(DataType.FLOAT, 1, c).addi(0.5));
        bn.setParam("beta", Nd4j.randn(DataType.FLOAT, 1, c));
        return bn;
    }

    /** Inputs with a per-channel offset and scale, so that centring matters. */
    static INDArray input(int n, int c, int h, int w, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n * c * h * w];
        for (int i = 0; i < v.length; i++) {
            int ch = (i / (h * w)) % c;
            v[i] = (float) (3 * ch - 4 + (1 + ch) * r.nextGaussian());
        }
        return Nd4j.create(v, new long[]{n, c, h, w}, 'c');
    }

    /** Batch norm forward and backward in double, from the definitions. */
    record Reference(double[] y, double[] dx, double[] dGamma, double[] dBeta) {
        static Reference of(INDArray xa, INDArray dya, INDArray ga, INDArray ba, double eps) {
            int n = (int) xa.size(0), c = (int) xa.size(1), hw = (int) (xa.size(2) * xa.size(3)), m = n * hw;
            float[] x = xa.dup('c').data().asFloat(), dy = dya.dup('c').data().asFloat();
            double[] y = new double[x.length], dx = new double[x.length], dg = new double[c], db = new double[c];
            for (int ch = 0; ch < c; ch++) {
                double mu = 0, var = 0, g = ga.getDouble(ch), b = ba.getDouble(ch);
                for (int i = 0; i < n; i++) for (int j = 0; j < hw; j++) mu += x[(i * c + ch) * hw + j];
                mu /= m;
                for (int i = 0; i < n; i++) for (int j = 0; j < hw; j++) { double d = x[(i * c + ch) * hw + j] - mu; var += d * d; }
                var /= m;
                double s = 1 / Math.sqrt(var + eps), sdy = 0, sdyxh = 0;
                for (int i = 0; i < n; i++) for (int j = 0; j < hw; j++) {
                    int k = (i * c + ch) * hw + j;
                    double xh = (x[k] - mu) * s;
                    y[k] = g * xh + b;
                    sdy += dy[k];
                    sdyxh += dy[k] * xh;
                }
                db[ch] = sdy;
                dg[ch] = sdyxh;
                for (int i = 0; i < n; i++) for (int j = 0; j < hw; j++) {
                    int k = (i * c + ch) * hw + j;
                    double xh = (x[k] - mu) * s;
                    dx[k] = g * s / m * (m * dy[k] - sdy - xh * sdyxh);
                }
            }
            return new Reference(y, dx, dg, db);
        }
    }

    static void close(float[] got, double[] want, double tol) {
        assertThat(got).hasSize(want.length);
        double scale = 0;
        for (double v : want) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < got.length; i++) assertThat((double) got[i]).as("element %d", i).isCloseTo(want[i], within(tol * Math.max(1, scale)));
    }

    @ParameterizedTest(name = "[{0}, {1}, {2}, {3}]: forward and backward match batch norm's definition in double")
    @CsvSource({"6, 5, 4, 4", "3, 7, 3, 3", "8, 4, 1, 1", "2, 3, 5, 7", "64, 16, 8, 8"})
    @DisplayName("the kernels compute batch norm (training mode) to float rounding")
    void matchesDefinition(int n, int c, int h, int w) {
        var bn = layer(new FastBatchNorm(), c, h, w, 11);
        assertThat(FastBatchNorm.helperOf(bn)).isInstanceOf(BatchNormKernels.class);
        INDArray x = input(n, c, h, w, 5), dy = Nd4j.randn(DataType.FLOAT, n, c, h, w);
        bn.setInput(x, WS);
        INDArray y = bn.activate(true, WS);
        Pair<Gradient, INDArray> g = bn.backpropGradient(dy, WS);
        Reference ref = Reference.of(x, dy, bn.getParam("gamma"), bn.getParam("beta"), 1e-5);
        close(y.dup('c').data().asFloat(), ref.y(), 2e-6);
        close(g.getSecond().dup('c').data().asFloat(), ref.dx(), 2e-5);
        close(g.getFirst().getGradientFor("gamma").dup().data().asFloat(), ref.dGamma(), 2e-5);
        close(g.getFirst().getGradientFor("beta").dup().data().asFloat(), ref.dBeta(), 2e-5);
    }

    @Test
    @DisplayName("same outputs, gradients and running-average updates as DL4J's own batch-norm layer")
    void agreesWithDl4j() {
        int n = 16, c = 6, h = 5, w = 5;
        var ours = layer(new FastBatchNorm(), c, h, w, 3);
        var theirs = layer(new BatchNormalization.Builder().build(), c, h, w, 3);
        // DL4J's layer runs its oneDNN helper, or none (-Dlth.dl4jConv): its built-in path
        assertThat(FastBatchNorm.helperOf(theirs) instanceof BatchNormKernels).isFalse();
        INDArray x = input(n, c, h, w, 9), dy = Nd4j.randn(DataType.FLOAT, n, c, h, w);
        ours.setInput(x, WS);
        theirs.setInput(x.dup(), WS);
        assertThat(ours.activate(true, WS).data().asFloat()).containsExactly(theirs.activate(true, WS).dup('c').data().asFloat(), within(1e-4f));
        var a = ours.backpropGradient(dy, WS);
        var b = theirs.backpropGradient(dy.dup(), WS);
        assertThat(a.getSecond().dup('c').data().asFloat()).containsExactly(b.getSecond().dup('c').data().asFloat(), within(1e-4f));
        for (String p : new String[]{"gamma", "beta", "mean", "log10stdev"})
            assertThat(a.getFirst().getGradientFor(p).dup().data().asFloat()).as(p)
                    .containsExactly(b.getFirst().getGradientFor(p).dup().data().asFloat(), within(2e-4f));
        // inference with the running averages
        ours.setInput(x, WS);
        theirs.setInput(x.dup(), WS);
        assertThat(ours.activate(false, WS).data().asFloat()).containsExactly(theirs.activate(false, WS).dup('c').data().asFloat(), within(1e-4f));
    }

    static final Splits DATA = lth.train.TinyData.splits();

    static Trainer.Result train(String name) {
        Network net = Architectures.build(new ModelSpec(name, 0.125), Optimizer.sgd(0.05), 3, 1, 28, 28, 10);
        return Trainer.train(net, Mask.dense(net.prunable()), DATA, 3, new TrainConfig(8, 4, 4));
    }

    @ParameterizedTest(name = "{0}: two runs of the same seed are bit-identical, every batch-norm backward pass by the kernels")
    @CsvSource({"vgg-11, 8", "resnet-20, 21"})   // ResNet-20: stem, 9 blocks × 2, 2 projection shortcuts
    @DisplayName("networks with batch norm train deterministically, on these kernels")
    void deterministic(String name, int batchNormLayers) {
        long before = BatchNormKernels.BACKWARD.get();
        Trainer.Result a = train(name);
        // 8 steps; a backward pass that fell back to DL4J's built-in path would not count
        assertThat(BatchNormKernels.BACKWARD.get() - before).isEqualTo(8L * batchNormLayers);
        Trainer.Result b = train(name);
        assertThat(a.finalParams().data().asFloat()).isEqualTo(b.finalParams().data().asFloat());
        assertThat(a.metrics().valLoss()).isEqualTo(b.metrics().valLoss());
    }
}
