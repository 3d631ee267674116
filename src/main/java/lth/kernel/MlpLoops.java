package lth.kernel;

/**
 * The element loops of {@link FastMlp}'s step on heap copies of [batch, n] arrays in 'f' layout
 * (column c at [c·batch, (c+1)·batch)), each in the float operations and order of the ND4J op it
 * replaces; {@code FastKernelsTest} checks them bit for bit against those ops.
 */
final class MlpLoops {
    private MlpLoops() { }

    /**
     * {@code pre += b} per column, then {@code act = ReLU(pre)}, on [batch, n] arrays in 'f' layout
     * (column c at [c·batch, (c+1)·batch)). Float addition as ND4J's {@code addiRowVector}; ReLU as its
     * {@code RectifiedLinear} with cutoff 0 ({@code x < 0 ? 0 : x}, so -0 and NaN pass through).
     */
    static void biasRelu(float[] pre, float[] b, float[] act, int batch) {
        for (int c = 0, k = 0; c < b.length; c++) {
            float bc = b[c];
            for (int r = 0; r < batch; r++, k++) {
                float v = pre[k] + bc;
                pre[k] = v;
                act[k] = v < 0f ? 0f : v;
            }
        }
    }

    /** {@code z += b} per column on a [batch, n] array in 'f' layout (ND4J's {@code addiRowVector}). */
    static void addBias(float[] z, float[] b, int batch) {
        for (int c = 0, k = 0; c < b.length; c++) {
            float bc = b[c];
            for (int r = 0; r < batch; r++, k++) z[k] += bc;
        }
    }

    /**
     * Column sums of a [batch, n] array in 'f' layout into {@code out} (n values), as ND4J's
     * {@code sum(out, 0)} computes them for an 'f'-order array: each column summed in order, in float.
     */
    static void columnSums(float[] a, int batch, float[] out) {
        for (int c = 0, k = 0; c < out.length; c++) {
            float s = 0f;
            for (int r = 0; r < batch; r++, k++) s += a[k];
            out[c] = s;
        }
    }

    /**
     * δ = ε ⊙ ReLU'(pre) as DL4J's {@code ActivationReLU.backprop} computes it (ND4J's relu_bp):
     * {@code pre > 0 ? ε : 0}, so 0, -0 and NaN pre-activations pass no gradient and the zero is +0.
     * {@code pre} and {@code delta} are [batch, n] in 'f' layout; {@code epsT} is [n, batch] in 'f'
     * layout (= [batch, n] in 'c'), as W·δᵀ leaves it.
     */
    static void reluBackprop(float[] pre, float[] epsT, float[] delta, int batch) {
        int n = pre.length / batch;
        for (int r = 0; r < batch; r++) {
            for (int c = 0; c < n; c++) {
                float e = epsT[r * n + c];
                int k = c * batch + r;
                delta[k] = pre[k] > 0f ? e : 0f;
            }
        }
    }

    /** {@code a} ('f' [batch, n]: a[r + c·batch]) copied into {@code out} in 'c' order (out[r·n + c]). */
    static void toRowMajor(float[] a, float[] out, int batch, int n) {
        for (int r = 0; r < batch; r++)
            for (int c = 0; c < n; c++) out[r * n + c] = a[r + c * batch];
    }
}
