package lth.kernel;

import lth.data.Splits;
import lth.model.Architectures;
import lth.model.ModelSpec;
import lth.model.Momentum;
import lth.model.Network;
import lth.model.Optimizer;
import lth.model.PrunableParam;
import lth.prune.LayerMask;
import lth.prune.Mask;
import lth.train.TrainConfig;
import lth.train.Trainer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link MomentumKernels} (momentum update, L2 term) against the ND4J ops they replace: the same bits. */
class MomentumKernelsTest {
    static final Splits DATA = lth.train.TinyData.splits();

    @AfterEach
    void on() { MomentumKernels.enabled = true; }

    /** Gaussian values at {@code scale}, with ±0, subnormals, NaN and ±∞ mixed in when {@code special}. */
    static float[] values(int n, long seed, double scale, boolean special) {
        float[] sp = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -1e-40f,
                Float.MAX_VALUE, -Float.MAX_VALUE};
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(special ? 14 : 30);
            v[i] = special && k < sp.length ? sp[k] : (float) (r.nextGaussian() * scale);
        }
        return v;
    }

    static int[] bits(INDArray a) {
        float[] f = a.dup().data().asFloat();
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) b[i] = Float.floatToRawIntBits(f[i]);
        return b;
    }

    static int[] bits(float[] f) {
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) b[i] = Float.floatToRawIntBits(f[i]);
        return b;
    }

    /** The first few differing elements, as "index: java bits vs nd4j bits" (empty when equal). */
    static List<String> diff(int[] a, int[] b) {
        List<String> d = new ArrayList<>();
        if (a.length != b.length) d.add("lengths " + a.length + " vs " + b.length);
        for (int i = 0; i < Math.min(a.length, b.length) && d.size() < 8; i++)
            if (a[i] != b[i]) d.add(i + ": " + Integer.toHexString(a[i]) + " vs " + Integer.toHexString(b[i]));
        return d;
    }

    @Test
    @DisplayName("the momentum loop equals ND4J's ops bit for bit (update and velocity), across chunks, learning "
            + "rates of a warmup and after drops, and special values")
    void momentumSameAsNd4j() {
        int n = 2048 * 3 + 77;
        double[] lrs = {0.0, 0.1 * 1 / 7, 0.1 * 3 / 7, 0.1, 0.1 * 0.1, 0.1 * 0.1 * 0.1, 0.05, 1e-3, 0.1, 0.2, 0.01, 0.1, 0.3, 0.05};
        for (boolean special : new boolean[]{false, true}) {
            Momentum cfg = new Momentum(0.1, null, 0.9);
            INDArray stateA = Nd4j.create(DataType.FLOAT, 1, n), stateB = Nd4j.create(DataType.FLOAT, 1, n);
            GradientUpdater<?> a = cfg.instantiate(stateA, true), b = cfg.instantiate(stateB, true);
            for (int it = 0; it < lrs.length; it++) {
                Momentum c = new Momentum(lrs[it], null, 0.9);
                a = c.instantiate(stateA, false);
                b = c.instantiate(stateB, false);
                float[] g = values(n, it + (special ? 100 : 0), Math.pow(10, it % 5 - 3), special);
                INDArray ga = Nd4j.create(g.clone(), new long[]{1, n}), gb = Nd4j.create(g, new long[]{1, n});
                MomentumKernels.enabled = true;
                a.applyUpdater(ga, it, 0);
                MomentumKernels.enabled = false;
                b.applyUpdater(gb, it, 0);
                MomentumKernels.enabled = true;
                assertThat(diff(bits(ga), bits(gb))).as("update at step %d", it).isEmpty();
                assertThat(diff(bits(stateA), bits(stateB))).as("velocity at step %d", it).isEmpty();
            }
        }
    }

    @Test
    @DisplayName("the L2 loop equals DL4J's L2Regularization (axpy) bit for bit, on parameter views too")
    void l2SameAsDl4j() {
        int n = 2048 * 2 + 13;
        for (double coeff : new double[]{1e-4, 5e-4, 0.3}) {
            for (boolean special : new boolean[]{false, true}) {
                float[] w = values(n, 7, 0.2, special), g = values(n, 8, 1e-3, special);
                INDArray big = Nd4j.create(w, new long[]{1, n}), wv = big.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(5, n));
                INDArray ga = Nd4j.create(g.clone(), new long[]{1, n}).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(5, n));
                INDArray gb = Nd4j.create(g.clone(), new long[]{1, n}).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(5, n));
                Regularization fast = new ChunkedL2(coeff);
                fast.apply(wv, ga, 0.1, 3, 0);
                new L2Regularization(coeff).apply(wv, gb, 0.1, 3, 0);
                assertThat(diff(bits(ga), bits(gb))).as("coeff %s special %s", coeff, special).isEmpty();
                assertThat(bits(wv)).isEqualTo(bits(Nd4j.create(w, new long[]{1, n}).get(
                        org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(5, n))));
            }
        }
        Regularization c = new ChunkedL2(1e-4).clone();
        assertThat(c).isInstanceOf(ChunkedL2.class);
        assertThat(((ChunkedL2) c).getL2().valueAt(0, 0)).isEqualTo(1e-4);
    }

    /** A network of {@code name} with SGD momentum, L2 and a schedule (warmup 3, drops at 5 and 8). */
    static Network net(String name, double width) {
        Optimizer o = Optimizer.sgd(0.05).withSchedule(3, new int[]{5, 8}, 0.1);
        return Architectures.build(new ModelSpec(name, width), o, 3, 1, 28, 28, 10);
    }

    /** Half the weights of every prunable tensor kept, at random. */
    static Mask randomMask(List<PrunableParam> params) {
        SplittableRandom r = new SplittableRandom(11);
        List<LayerMask> layers = new ArrayList<>();
        for (PrunableParam p : params) {
            float[] keep = new float[(int) p.size()];
            for (int i = 0; i < keep.length; i++) keep[i] = r.nextBoolean() ? 1f : 0f;
            layers.add(new LayerMask(p, keep));
        }
        return new Mask(layers);
    }

    record Run(Trainer.Result result, float[] updaterState) { }

    static Run train(String name, double width, boolean fast) {
        MomentumKernels.enabled = fast;
        try {
            Network n = net(name, width);
            Trainer.Result r = Trainer.train(n, randomMask(n.prunable()), DATA, 3, new TrainConfig(10, 8, 5));
            return new Run(r, n.updaterState().dup().data().asFloat());
        } finally {
            MomentumKernels.enabled = true;
        }
    }

    @ParameterizedTest(name = "{0}: SGD momentum + L2 in Java trains bit-identically")
    @CsvSource({"vgg-19, 0.125", "resnet-20, 0.25"})
    @DisplayName("whole masked runs with warmup and drops: parameters, momentum state and metrics bit-identical")
    void training(String name, double width) {
        Run plain = train(name, width, false);
        Run fast = train(name, width, true);
        assertThat(diff(bits(fast.result().finalParams()), bits(plain.result().finalParams()))).isEmpty();
        assertThat(diff(bits(fast.updaterState()), bits(plain.updaterState()))).isEmpty();
        assertThat(fast.result().metrics().valLoss()).isEqualTo(plain.result().metrics().valLoss());
        assertThat(fast.result().metrics().testAccuracy()).isEqualTo(plain.result().metrics().testAccuracy());
    }

    @Test
    @DisplayName("networks built for 'sgd' with weight decay regularize weights with ChunkedL2 and biases not at all")
    void configuration() {
        for (Network n : new Network[]{net("vgg-19", 0.125), net("resnet-20", 0.25)}) {
            List<org.deeplearning4j.nn.conf.layers.Layer> layers = new ArrayList<>();
            if (n.net() instanceof MultiLayerNetwork m)
                for (var c : m.getLayerWiseConfigurations().getConfs()) layers.add(c.getLayer());
            else
                for (var v : ((ComputationGraph) n.net()).getConfiguration().getVertices().values())
                    if (v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv) layers.add(lv.getLayerConf().getLayer());
            int regularized = 0;
            for (var l : layers)
                if (l instanceof BaseLayer bl && bl.getRegularization() != null && !bl.getRegularization().isEmpty()) {
                    assertThat(bl.getRegularization()).hasSize(1).first().isInstanceOf(ChunkedL2.class);
                    assertThat(bl.getRegularizationBias()).isNullOrEmpty();
                    regularized++;
                }
            assertThat(regularized).isGreaterThan(5);
        }
    }
}
