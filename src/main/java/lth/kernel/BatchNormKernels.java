package lth.kernel;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Batch normalization's training-step arithmetic for NCHW float activations, as Java loops over
 * the (CPU backend) buffers, chunk by chunk ({@link Scratch}): per channel c over its M = N·H·W values,
 * <pre>
 *   forward:  μ = Σx/M, σ² = Σ(x−μ)²/M (two passes, double sums), s = 1/√(σ²+ε),
 *             y = (x−μ)·(γs) + β
 *   backward: Σdy, Σdy·(x−μ) (double sums); dβ = Σdy, dγ = s·Σdy·(x−μ),
 *             dx = γs·(dy − Σdy/M − (x−μ)·s²·Σdy·(x−μ)/M)
 * </pre>
 * the textbook batch-norm gradient with the batch statistics differentiated through (as DL4J's
 * built-in path and its helpers compute it). Inference uses the running averages DL4J keeps. The batch
 * mean and biased variance are handed to DL4J for its running averages through the caches, as its
 * oneDNN helper does. Other layouts and types return null: DL4J's built-in path runs them.
 */
final class BatchNormKernels implements BatchNormalizationHelper {
    /** Backward passes these kernels ran (not DL4J's fallback): diagnostics, tests. */
    static final java.util.concurrent.atomic.AtomicLong BACKWARD = new java.util.concurrent.atomic.AtomicLong();

    private INDArray meanCache, varCache;       // the last training batch's μ and σ² (DL4J reads them)
    private float[] mean = new float[0], invStd = new float[0];
    private INDArray forwardInput;               // the input of the last training forward pass this helper ran

    private static boolean supported(INDArray a, CNN2DFormat format) {
        return a.dataType() == DataType.FLOAT && a.rank() == 4 && format == CNN2DFormat.NCHW && a.length() <= Integer.MAX_VALUE;
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta, INDArray runMean,
                              INDArray runVar, double decay, double eps, CNN2DFormat format, LayerWorkspaceMgr ws) {
        forwardInput = null;
        if (!supported(x, format) || gamma == null || beta == null) return null;
        int n = (int) x.size(0), ch = (int) x.size(1), hw = (int) (x.size(2) * x.size(3));
        FloatBuffer xb = Buffers.of(Buffers.denseC(x));
        float[] mu, var, is = new float[ch];
        if (training) {
            mu = new float[ch];
            var = new float[ch];
            batchStatistics(xb, n, ch, hw, mu, var);
        } else {
            mu = floats(runMean, ch);
            var = floats(runVar, ch);
        }
        for (int c = 0; c < ch; c++) is[c] = (float) (1.0 / Math.sqrt((double) var[c] + eps));
        if (training) {
            keep(mu, var, is);
            forwardInput = x;
        }
        float[] g = floats(gamma, ch), b = floats(beta, ch), a = new float[ch];
        for (int c = 0; c < ch; c++) a[c] = g[c] * is[c];
        INDArray out = ws.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        float[][] s = Scratch.slots();
        float[] xs = s[0], ys = s[1];
        float[] m = mu;
        Scratch.walk(n, ch, hw, xb, null, Buffers.of(out), (c, off, len) -> normalize(xs, ys, off, len, m[c], a[c], b[c]));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps,
                                                     CNN2DFormat format, LayerWorkspaceMgr ws) {
        if (forwardInput != input || !supported(epsilon, format)) return null;   // DL4J's built-in path ran forward
        forwardInput = null;
        BACKWARD.incrementAndGet();
        int n = (int) input.size(0), ch = (int) input.size(1), hw = (int) (input.size(2) * input.size(3));
        FloatBuffer xb = Buffers.of(Buffers.denseC(input)), db = Buffers.of(Buffers.denseC(epsilon));
        float[][] s = Scratch.slots();
        float[] xs = s[0], ds = s[1], mu = mean;
        double[] sumDy = new double[ch], sumDyXmu = new double[ch];
        Scratch.walk(n, ch, hw, xb, db, null, (c, off, len) -> {
            sumDy[c] += sum(ds, off, len);
            sumDyXmu[c] += dot(ds, xs, off, len, mu[c]);
        });
        float[] g = floats(gamma, ch), dGamma = new float[ch], dBeta = new float[ch];
        float[] k = new float[ch], c1 = new float[ch], c2 = new float[ch];
        long count = (long) n * hw;
        for (int c = 0; c < ch; c++) {
            double sc = invStd[c];
            dBeta[c] = (float) sumDy[c];
            dGamma[c] = (float) (sc * sumDyXmu[c]);
            k[c] = (float) (g[c] * sc);
            c1[c] = (float) (sumDy[c] / count);
            c2[c] = (float) (sc * sc * sumDyXmu[c] / count);
        }
        INDArray dx = ws.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        Scratch.walk(n, ch, hw, xb, db, Buffers.of(dx), (c, off, len) -> inputGradient(xs, ds, off, len, mu[c], k[c], c1[c], c2[c]));
        Buffers.of(dGammaView).put(0, dGamma, 0, ch);
        Buffers.of(dBetaView).put(0, dBeta, 0, ch);
        Gradient grad = new DefaultGradient();
        grad.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        grad.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(grad, dx);
    }

    /** Per-channel mean and biased variance of an NCHW tensor: two passes, double sums. */
    static void batchStatistics(FloatBuffer xb, int n, int ch, int hw, float[] mu, float[] var) {
        float[] xs = Scratch.slots()[0];
        double[] sum = new double[ch], sq = new double[ch], md = new double[ch];
        Scratch.walk(n, ch, hw, xb, null, null, (c, off, len) -> sum[c] += sum(xs, off, len));
        long count = (long) n * hw;
        for (int c = 0; c < ch; c++) md[c] = sum[c] / count;
        Scratch.walk(n, ch, hw, xb, null, null, (c, off, len) -> sq[c] += squaredDeviations(xs, off, len, md[c]));
        for (int c = 0; c < ch; c++) { mu[c] = (float) md[c]; var[c] = (float) (sq[c] / count); }
    }

    /** Σ v[off, off+len) in double, four accumulators. */
    static double sum(float[] v, int off, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = off, end = off + len;
        for (; j + 3 < end; j += 4) { s0 += v[j]; s1 += v[j + 1]; s2 += v[j + 2]; s3 += v[j + 3]; }
        for (; j < end; j++) s0 += v[j];
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ (v − m)² in double, four accumulators. */
    static double squaredDeviations(float[] v, int off, int len, double m) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = off, end = off + len;
        for (; j + 3 < end; j += 4) {
            double d0 = v[j] - m, d1 = v[j + 1] - m, d2 = v[j + 2] - m, d3 = v[j + 3] - m;
            s0 += d0 * d0; s1 += d1 * d1; s2 += d2 * d2; s3 += d3 * d3;
        }
        for (; j < end; j++) { double d = v[j] - m; s0 += d * d; }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ dy·(x − m) in double (the product in float), four accumulators. */
    static double dot(float[] dy, float[] x, int off, int len, float m) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = off, end = off + len;
        for (; j + 3 < end; j += 4) {
            s0 += dy[j] * (x[j] - m); s1 += dy[j + 1] * (x[j + 1] - m);
            s2 += dy[j + 2] * (x[j + 2] - m); s3 += dy[j + 3] * (x[j + 3] - m);
        }
        for (; j < end; j++) s0 += dy[j] * (x[j] - m);
        return (s0 + s1) + (s2 + s3);
    }

    /** y = (x − μ)·a + b. */
    static void normalize(float[] x, float[] y, int off, int len, float m, float a, float b) {
        for (int j = off, end = off + len; j < end; j++) y[j] = (x[j] - m) * a + b;
    }

    /** dx = k·(dy − c1 − (x − μ)·c2), written over dy. */
    static void inputGradient(float[] x, float[] dy, int off, int len, float m, float k, float c1, float c2) {
        for (int j = off, end = off + len; j < end; j++) dy[j] = k * (dy[j] - c1 - (x[j] - m) * c2);
    }

    /** Keeps μ and 1/√(σ²+ε) for the backward pass, and μ, σ² in the caches DL4J reads. */
    private void keep(float[] mu, float[] var, float[] is) {
        int ch = mu.length;
        mean = mu;
        invStd = is;
        if (meanCache == null || meanCache.length() != ch) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                meanCache = Nd4j.createUninitialized(DataType.FLOAT, ch);
                varCache = Nd4j.createUninitialized(DataType.FLOAT, ch);
            }
        }
        Buffers.of(meanCache).put(0, mu, 0, ch);
        Buffers.of(varCache).put(0, var, 0, ch);
    }

    /** The first ch values of a dense float vector (γ, β: [1, C]; running statistics: [1, C] or [C]). */
    private static float[] floats(INDArray a, int ch) {
        if (a.length() != ch) throw new IllegalArgumentException("expected " + ch + " values, got shape " + a.shapeInfoToString());
        float[] out = new float[ch];
        if (a.dataType() == DataType.FLOAT && a.elementWiseStride() == 1) Buffers.of(a).get(0, out, 0, ch);
        else for (int c = 0; c < ch; c++) out[c] = a.getFloat(c);
        return out;
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return meanCache;
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return varCache;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }
}
