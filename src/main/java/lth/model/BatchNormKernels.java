package lth.model;

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
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * Batch normalization's training-step arithmetic for NCHW float activations, as Java loops over
 * heap copies of the (CPU backend) buffers: per channel c over its M = N·H·W values,
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
    private INDArray meanCache, varCache;       // the last training batch's μ and σ² (DL4J reads them)
    private float[] mean = new float[0], invStd = new float[0];
    private INDArray forwardInput;               // the input of the last training forward pass this helper ran

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[][]{new float[0], new float[0]});

    /** Two heap buffers of at least n floats each, reused by every layer on this thread. */
    private static float[][] scratch(int n) {
        float[][] s = SCRATCH.get();
        if (s[0].length < n) { s[0] = new float[n]; s[1] = new float[n]; }
        return s;
    }

    private static boolean supported(INDArray a, CNN2DFormat format) {
        return a.dataType() == DataType.FLOAT && a.rank() == 4 && format == CNN2DFormat.NCHW && a.length() <= Integer.MAX_VALUE;
    }

    private static INDArray dense(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) && a.elementWiseStride() == 1 ? a : a.dup('c');
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
        INDArray xd = dense(x);
        int n = (int) x.size(0), ch = (int) x.size(1), hw = (int) (x.size(2) * x.size(3)), len = n * ch * hw;
        float[][] s = scratch(len);
        float[] xs = s[0], ys = s[1];
        Buffers.of(xd).get(0, xs, 0, len);
        float[] g = floats(gamma, ch), b = floats(beta, ch);
        float[] mu, is = new float[ch];
        if (training) {
            float[] var = new float[ch];
            mu = new float[ch];
            batchStatistics(xs, n, ch, hw, mu, var);
            for (int c = 0; c < ch; c++) is[c] = (float) (1.0 / Math.sqrt((double) var[c] + eps));
            keep(mu, var, is);
            forwardInput = x;
        } else {
            mu = floats(runMean, ch);
            float[] var = floats(runVar, ch);
            for (int c = 0; c < ch; c++) is[c] = (float) (1.0 / Math.sqrt((double) var[c] + eps));
        }
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < ch; c++) {
                int o = (i * ch + c) * hw;
                float m = mu[c], a = g[c] * is[c], bc = b[c];
                for (int j = o; j < o + hw; j++) ys[j] = (xs[j] - m) * a + bc;
            }
        }
        INDArray out = ws.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        Buffers.of(out).put(0, ys, 0, len);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps,
                                                     CNN2DFormat format, LayerWorkspaceMgr ws) {
        if (forwardInput != input || !supported(epsilon, format)) return null;   // DL4J's built-in path ran forward
        forwardInput = null;
        int n = (int) input.size(0), ch = (int) input.size(1), hw = (int) (input.size(2) * input.size(3)), len = n * ch * hw;
        float[][] s = scratch(len);
        float[] xs = s[0], ds = s[1];
        Buffers.of(dense(input)).get(0, xs, 0, len);
        Buffers.of(dense(epsilon)).get(0, ds, 0, len);
        double[] sumDy = new double[ch], sumDyXmu = new double[ch];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < ch; c++) {
                int o = (i * ch + c) * hw;
                float m = mean[c];
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
                int j = o, end = o + hw;
                for (; j + 3 < end; j += 4) {
                    s0 += ds[j]; s1 += ds[j + 1]; s2 += ds[j + 2]; s3 += ds[j + 3];
                    t0 += ds[j] * (xs[j] - m); t1 += ds[j + 1] * (xs[j + 1] - m);
                    t2 += ds[j + 2] * (xs[j + 2] - m); t3 += ds[j + 3] * (xs[j + 3] - m);
                }
                for (; j < end; j++) { s0 += ds[j]; t0 += ds[j] * (xs[j] - m); }
                sumDy[c] += (s0 + s1) + (s2 + s3);
                sumDyXmu[c] += (t0 + t1) + (t2 + t3);
            }
        }
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
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < ch; c++) {
                int o = (i * ch + c) * hw;
                float m = mean[c], kc = k[c], a = c1[c], b = c2[c];
                for (int j = o; j < o + hw; j++) ds[j] = kc * (ds[j] - a - (xs[j] - m) * b);
            }
        }
        INDArray dx = ws.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        Buffers.of(dx).put(0, ds, 0, len);
        Buffers.of(dGammaView).put(0, dGamma, 0, ch);
        Buffers.of(dBetaView).put(0, dBeta, 0, ch);
        Gradient grad = new DefaultGradient();
        grad.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        grad.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(grad, dx);
    }

    /** Per-channel mean and biased variance: two passes, four double accumulators each. */
    static void batchStatistics(float[] xs, int n, int ch, int hw, float[] mu, float[] var) {
        double[] sum = new double[ch], sq = new double[ch];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < ch; c++) {
                int o = (i * ch + c) * hw, j = o, end = o + hw;
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (; j + 3 < end; j += 4) { s0 += xs[j]; s1 += xs[j + 1]; s2 += xs[j + 2]; s3 += xs[j + 3]; }
                for (; j < end; j++) s0 += xs[j];
                sum[c] += (s0 + s1) + (s2 + s3);
            }
        }
        long count = (long) n * hw;
        double[] md = new double[ch];
        for (int c = 0; c < ch; c++) md[c] = sum[c] / count;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < ch; c++) {
                int o = (i * ch + c) * hw, j = o, end = o + hw;
                double m = md[c], s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (; j + 3 < end; j += 4) {
                    double d0 = xs[j] - m, d1 = xs[j + 1] - m, d2 = xs[j + 2] - m, d3 = xs[j + 3] - m;
                    s0 += d0 * d0; s1 += d1 * d1; s2 += d2 * d2; s3 += d3 * d3;
                }
                for (; j < end; j++) { double d = xs[j] - m; s0 += d * d; }
                sq[c] += (s0 + s1) + (s2 + s3);
            }
        }
        for (int c = 0; c < ch; c++) { mu[c] = (float) md[c]; var[c] = (float) (sq[c] / count); }
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
