package lth.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

import java.nio.FloatBuffer;

/**
 * The end of a masked Adam step, fused into one pass over the parameters: the summed gradient
 * divided by the batch size, ND4J's {@code adam_updater}, {@code params -= update}, then
 * {@code params *= mask} (1 for unmasked weights and biases).
 *
 * <p>It computes, element by element and in float, exactly what the five ND4J calls it replaces
 * compute ({@code divi}, {@code AdamUpdater}, {@code subi}, one {@code muli} per mask): libnd4j's
 * {@code adamUpdater_} evaluates {@code m = β1·m + g·(1−β1)}, {@code v = β2·v + g·g·(1−β2)},
 * {@code u = (m·ε_t) / (√v + ε)} with {@code ε_t = lr·√(1−β2^(t+1)) / (1−β1^(t+1))}, where the
 * powers are libnd4j's own {@code pow} (taken from ND4J here, not from {@link Math#pow}, so that they
 * round the same). {@code FastKernelsTest.fusedAdam} checks bit-identity against the ND4J ops; the libnd4j
 * updater runs a scalar loop (~1.4 ms for LeNet-300-100's 266K parameters on one core) where this
 * loop, which the JIT vectorizes, takes a fraction of that.
 *
 * <p>The moments live on the Java heap (the fast step's updater state is private to the run, as
 * DL4J's would be for a freshly built network), and so does the master copy of the parameters: they
 * are read once, when the step is built, and written to the network after every update. While the
 * step is in use nothing else may write the network's parameters (the trainer only reads them).
 */
final class FusedAdam {
    private final Adam config;
    private final int n;
    private final float batch;
    private final float beta1, beta2, epsilon, oneMinusBeta1, oneMinusBeta2;
    private final float[] m, v, mask, g, p;
    private final FloatBuffer gradBuf, paramBuf;
    private final lth.kernel.AdamCorrection correction;

    /**
     * @param params the network's flat parameter vector (updated in place)
     * @param grad   the flat summed gradient, same layout, contiguous
     * @param mask   per parameter 1 or 0 in the layout of {@code params} (1 for unmasked entries)
     */
    FusedAdam(Adam config, INDArray params, INDArray grad, float[] mask, int batch) {
        if (params.dataType() != DataType.FLOAT || grad.dataType() != DataType.FLOAT)
            throw new IllegalArgumentException("float parameters only");
        if (!contiguous(params) || !contiguous(grad) || params.length() != grad.length() || mask.length != params.length())
            throw new IllegalArgumentException("params, grad and mask must be contiguous and the same length");
        this.config = config;
        this.n = (int) params.length();
        this.batch = (float) (double) batch;          // ND4J's divi(batch): a float scalar
        this.beta1 = (float) config.getBeta1();
        this.beta2 = (float) config.getBeta2();
        this.epsilon = (float) config.getEpsilon();
        this.oneMinusBeta1 = 1 - beta1;                // libnd4j: (1 - beta1) in T
        this.oneMinusBeta2 = 1 - beta2;
        this.correction = new lth.kernel.AdamCorrection(config.getBeta1(), config.getBeta2(), config.getEpsilon());
        this.m = new float[n];
        this.v = new float[n];
        this.mask = mask;
        this.g = new float[n];
        this.p = new float[n];
        this.gradBuf = Buffers.of(grad);
        this.paramBuf = Buffers.of(params);
        paramBuf.get(0, p);
    }

    private static boolean contiguous(INDArray a) {
        return a.elementWiseStride() == 1 && (a.rank() == 1 || a.rank() == 2 && a.size(0) == 1);
    }

    /** One update at {@code iteration} (0-based, as DL4J counts) and {@code epoch}. */
    void apply(int iteration, int epoch) {
        float lr = (float) config.getLearningRate(iteration, epoch);
        float epsT = correction.epsilonT(lr, iteration);
        gradBuf.get(0, g);
        final float[] m = this.m, v = this.v, mask = this.mask, g = this.g, p = this.p;
        final float b1 = beta1, b2 = beta2, c1 = oneMinusBeta1, c2 = oneMinusBeta2, eps = epsilon, bs = batch;
        for (int i = 0; i < n; i++) {
            float gi = g[i] / bs;
            float mi = b1 * m[i] + gi * c1;
            float vi = b2 * v[i] + gi * gi * c2;
            m[i] = mi;
            v[i] = vi;
            float u = (mi * epsT) / ((float) Math.sqrt(vi) + eps);
            p[i] = (p[i] - u) * mask[i];
        }
        paramBuf.put(0, p);
    }

    /** The moments m then v, a copy. */
    float[] state() {
        float[] s = java.util.Arrays.copyOf(m, 2 * n);
        System.arraycopy(v, 0, s, n, n);
        return s;
    }

    /** Puts back moments taken by {@link #state()} and rereads the master copy of the parameters from the network. */
    void restore(float[] s) {
        System.arraycopy(s, 0, m, 0, n);
        System.arraycopy(s, n, v, 0, n);
        paramBuf.get(0, p);
    }
}
