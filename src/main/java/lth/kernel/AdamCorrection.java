package lth.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.PowPairwise;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The step size ε_t of libnd4j's {@code adam_updater} at iteration t, computed exactly as it does:
 * {@code ε_t = lr·√(1−β2^(t+1)) / (1−β1^(t+1))} in its types (the powers by libnd4j's own float
 * {@code pow}, taken from ND4J a block of iterations at a time, not from {@link Math#pow}, so that
 * they round the same), falling back to ε when that is NaN, 0 or infinite. Shared by the Java Adam
 * loops ({@link FusedAdam}, {@link ChunkedAdam}); {@code FastKernelsTest} and
 * {@code ChunkedAdamTest} check them bit for bit against the ND4J op.
 */
public final class AdamCorrection {
    private static final int BLOCK = 1024;

    private final float beta1, beta2, epsilon;
    private final float[] pow1 = new float[BLOCK], pow2 = new float[BLOCK];
    private int from = -1;

    public AdamCorrection(double beta1, double beta2, double epsilon) {
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.epsilon = (float) epsilon;
    }

    /** ε_t for step {@code iteration} (0-based, as DL4J counts) at learning rate {@code lr}. */
    public float epsilonT(float lr, int iteration) {
        if (from < 0 || iteration < from || iteration >= from + BLOCK) fill(iteration);
        float b1T = pow1[iteration - from], b2T = pow2[iteration - from];
        // T epsilonT = lr * sqrt<T,T>(1. - beta2T) / (1.0 - beta1T): the sqrt argument is converted to
        // T, lr·sqrt is a T product, the division is in double, the result is stored as T
        float root = (float) Math.sqrt((float) (1.0 - b2T));
        float e = (float) ((double) (lr * root) / (1.0 - b1T));
        return Float.isNaN(e) || e == 0 || Float.isInfinite(e) ? epsilon : e;
    }

    /** β^(t+1) for t in [start, start + block), computed by ND4J's pow (libnd4j's, in float). */
    private void fill(int start) {
        INDArray exp = Nd4j.create(DataType.FLOAT, BLOCK);
        for (int i = 0; i < BLOCK; i++) exp.putScalar(i, (float) start + 1 + i);  // (T) t + 1
        INDArray b = Nd4j.create(DataType.FLOAT, 2, BLOCK);
        b.getRow(0).assign(beta1);
        b.getRow(1).assign(beta2);
        INDArray out = Nd4j.create(DataType.FLOAT, 2, BLOCK);
        Nd4j.exec(new PowPairwise(b, Nd4j.vstack(exp, exp), out));
        System.arraycopy(out.getRow(0).dup().data().asFloat(), 0, pow1, 0, BLOCK);
        System.arraycopy(out.getRow(1).dup().data().asFloat(), 0, pow2, 0, BLOCK);
        from = start;
    }
}
