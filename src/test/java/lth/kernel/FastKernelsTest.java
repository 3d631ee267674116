package lth.kernel;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast step's Java loops against the ND4J ops they stand for, bit for bit, on inputs chosen to
 * catch a different formula: ±0, NaN, ±∞, subnormals, huge and tiny values, besides random ones.
 */
class FastKernelsTest {
    static final float[] SPECIAL = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, -Float.MIN_VALUE, 1e-39f, -1e-39f, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f, 1e-30f};

    static float[] values(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++)
            v[i] = r.nextInt(4) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-6, 4)));
        return v;
    }

    static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Float.floatToRawIntBits(v[i]);
        return b;
    }

    static int[] bits(INDArray a) { return bits(a.dup('f').data().asFloat()); }

    @Test
    @DisplayName("bias + ReLU equals ND4J's addiRowVector then RectifiedLinear, bit for bit ('f' layout)")
    void biasRelu() {
        int batch = 37, n = 53;
        float[] pre = values(batch * n, 1), b = values(n, 2);
        INDArray z = Nd4j.create(pre, new long[]{batch, n}, 'f');
        INDArray bias = Nd4j.create(b, new long[]{1, n});
        z.addiRowVector(bias);
        INDArray act = Nd4j.create(DataType.FLOAT, new long[]{batch, n}, 'f');
        Nd4j.exec(new RectifiedLinear(z, act));
        float[] javaAct = new float[batch * n];
        MlpLoops.biasRelu(pre, b, javaAct, batch);
        assertThat(bits(pre)).isEqualTo(bits(z));
        assertThat(bits(javaAct)).isEqualTo(bits(act));
    }

    @Test
    @DisplayName("the 'f' to 'c' copy of an activation equals ND4J's dup('c')")
    void toRowMajor() {
        int batch = 20, n = 7;
        float[] f = values(batch * n, 9), c = new float[batch * n];
        MlpLoops.toRowMajor(f, c, batch, n);
        assertThat(c).isEqualTo(Nd4j.create(f, new long[]{batch, n}, 'f').dup('c').data().asFloat());
    }

    @Test
    @DisplayName("bias add equals ND4J's addiRowVector, bit for bit")
    void addBias() {
        int batch = 19, n = 10;
        float[] v = values(batch * n, 3), b = values(n, 4);
        INDArray z = Nd4j.create(v.clone(), new long[]{batch, n}, 'f');
        z.addiRowVector(Nd4j.create(b, new long[]{1, n}));
        MlpLoops.addBias(v, b, batch);
        assertThat(bits(v)).isEqualTo(bits(z));
    }

    @Test
    @DisplayName("ReLU backprop equals DL4J's ActivationReLU.backprop (relu_bp: x > 0 ? ε : 0), bit for bit")
    void reluBackprop() {
        int batch = 23, n = 41;
        float[] pre = values(batch * n, 5), eps = values(batch * n, 6);
        pre[0] = 0f; pre[1] = -0f; pre[2] = Float.NaN; pre[3] = Float.MIN_VALUE; eps[3] = Float.NaN; eps[4] = Float.POSITIVE_INFINITY;
        // eps as W·δᵀ leaves it: [n, batch] 'f' = [batch, n] 'c'
        INDArray epsC = Nd4j.create(eps, new long[]{batch, n}, 'c');
        INDArray preF = Nd4j.create(pre, new long[]{batch, n}, 'f');
        // what DL4J's DenseLayer runs for Activation.RELU
        INDArray out = Activation.RELU.getActivationFunction().backprop(preF, epsC).getFirst();
        float[] delta = new float[batch * n];
        MlpLoops.reluBackprop(pre, eps, delta, batch);
        assertThat(bits(delta)).isEqualTo(bits(out.dup('f')));
    }

    @Test
    @DisplayName("column sums equal ND4J's sum over dimension 0 of an 'f'-order array, bit for bit")
    void columnSums() {
        for (int[] shape : new int[][]{{60, 300}, {60, 100}, {60, 10}, {20, 7}, {128, 33}}) {
            int batch = shape[0], n = shape[1];
            float[] v = new float[batch * n];
            SplittableRandom r = new SplittableRandom(batch * 31L + n);
            for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-3, 4)));
            INDArray a = Nd4j.create(v, new long[]{batch, n}, 'f');
            INDArray out = Nd4j.create(DataType.FLOAT, 1, n);
            a.sum(out, 0);
            float[] sums = new float[n];
            MlpLoops.columnSums(v, batch, sums);
            assertThat(bits(sums)).as("%dx%d", batch, n).isEqualTo(bits(out.data().asFloat()));
        }
    }

    @Test
    @DisplayName("the fused Adam step equals divi(batch), ND4J's Adam updater, subi and the mask muli, bit for bit, "
            + "over many iterations and a learning-rate schedule")
    void fusedAdam() {
        int n = 4099, batch = 60;
        Adam cfg = new Adam(new StepSchedule(ScheduleType.ITERATION, 1.2e-3, 0.5, 7));
        INDArray p0 = Nd4j.create(values(n, 7), new long[]{1, n});
        float[] mask = new float[n];
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < n; i++) mask[i] = r.nextInt(3) == 0 ? 0f : 1f;
        INDArray maskArr = Nd4j.create(mask.clone(), new long[]{1, n});

        INDArray pRef = p0.dup(), pFast = p0.dup();
        INDArray gFast = Nd4j.create(DataType.FLOAT, 1, n);
        GradientUpdater<?> ref = cfg.instantiate(Nd4j.create(DataType.FLOAT, 1, cfg.stateSize(n)), true);
        FusedAdam fast = new FusedAdam(cfg, pFast, gFast, mask, batch);
        for (int it = 0; it < 40; it++) step(it, n, batch, ref, pRef, maskArr, gFast, fast, pFast);
        // far iterations: the bias-correction powers (pow computed by libnd4j) at large t
        for (int it : new int[]{1023, 1024, 1025, 4097, 12345, 50000, 112000, 200003})
            step(it, n, batch, ref, pRef, maskArr, gFast, fast, pFast);
    }

    private static void step(int it, int n, int batch, GradientUpdater<?> ref, INDArray pRef, INDArray maskArr,
                             INDArray gFast, FusedAdam fast, INDArray pFast) {
        // finite gradients (a non-finite one ends the run as diverged), some 0, -0 and subnormal after /batch
        float[] g = new float[n];
        SplittableRandom r = new SplittableRandom(100 + it);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(40);
            g[i] = k == 0 ? 0f : k == 1 ? -0f : k == 2 ? (float) r.nextGaussian() * 1e-37f
                    : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-4, 2)));
        }
        INDArray gRef = Nd4j.create(g.clone(), new long[]{1, n});
        gRef.divi(batch);
        ref.applyUpdater(gRef, it, 0);
        pRef.subi(gRef);
        pRef.muli(maskArr);
        gFast.assign(Nd4j.create(g, new long[]{1, n}));
        fast.apply(it, 0);
        assertThat(bits(pFast.dup().data().asFloat())).as("parameters after iteration %d", it)
                .isEqualTo(bits(pRef.dup().data().asFloat()));
    }
}
