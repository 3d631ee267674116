package lth.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * The SGD-momentum update and L2's gradient term as chunked Java loops over DL4J's own arrays (the
 * gradient view, the velocity state view, the parameter view), instead of four ND4J ops per updater
 * block and one {@code axpy} op per regularized parameter, whose per-op cost dominates at the reduced
 * tier's small shapes. Each loop makes the same float operations, in the same order, as the ND4J
 * ops it replaces (scalar multiply, pairwise add, scalar multiply; {@code axpy}: {@code a·x + y}),
 * so the results are bit-identical ({@code MomentumKernelsTest}), NaN payloads included: where both
 * operands of an add are NaN, x86 returns the first, and the JIT may swap a commutative add's
 * operands, so the loops pick the first operand's NaN explicitly; callers fall back to the ND4J ops
 * for arrays the loops cannot address ({@link #direct}).
 */
public final class MomentumKernels {
    private static final int CHUNK = 2048;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[][]{new float[CHUNK], new float[CHUNK]});

    /** Off only in tests, to train the same network through DL4J's ND4J ops for comparison. */
    static volatile boolean enabled = true;

    private MomentumKernels() { }

    /** Whether the loops can address {@code a}: a dense float array on the CPU backend. */
    public static boolean direct(INDArray a) {
        return enabled && a.dataType() == DataType.FLOAT && a.elementWiseStride() == 1 && Buffers.cpu();
    }

    /**
     * Heavy-ball momentum, as {@code v.muli(m).addi(g); g.assign(v).muli(lr)}: {@code v ← v·m + g},
     * {@code g ← v·lr} (the update DL4J subtracts), with {@code m} and {@code lr} rounded to float
     * as ND4J's scalar ops do.
     */
    public static void momentum(INDArray gradient, INDArray velocity, float m, float lr) {
        FloatBuffer gb = Buffers.of(gradient), vb = Buffers.of(velocity);
        int n = (int) gradient.length();
        float[][] s = SCRATCH.get();
        float[] g = s[0], v = s[1];
        for (int start = 0; start < n; start += CHUNK) {
            int len = Math.min(CHUNK, n - start);
            gb.get(start, g, 0, len);
            vb.get(start, v, 0, len);
            for (int i = 0; i < len; i++) {
                float vi = v[i] * m;
                float sum = vi + g[i];
                vi = vi != vi ? vi : sum;             // both NaN: libnd4j's add keeps the first operand's
                v[i] = vi;
                g[i] = vi * lr;
            }
            gb.put(start, g, 0, len);
            vb.put(start, v, 0, len);
        }
    }

    /** L2's gradient term, as libnd4j's {@code axpy} computes it: {@code g ← coeff·w + g}, coeff in float. */
    public static void l2(INDArray param, INDArray gradient, float coeff) {
        FloatBuffer wb = Buffers.of(param), gb = Buffers.of(gradient);
        int n = (int) gradient.length();
        float[][] s = SCRATCH.get();
        float[] w = s[0], g = s[1];
        for (int start = 0; start < n; start += CHUNK) {
            int len = Math.min(CHUNK, n - start);
            wb.get(start, w, 0, len);
            gb.get(start, g, 0, len);
            for (int i = 0; i < len; i++) {
                float t = coeff * w[i];
                float sum = t + g[i];
                g[i] = t != t ? t : sum;              // both NaN: the first operand's, as libnd4j's
            }
            gb.put(start, g, 0, len);
        }
    }
}
