package lth.kernel;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingHelper;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * 2×2 max pooling with stride 2 (NCHW float, "same" or truncating mode, no padding, no dilation) as
 * Java loops, bit for bit what DL4J's oneDNN helper computes: the helper runs libnd4j's maxpool2d and
 * maxpool2d_bp through oneDNN's reference NCHW pooling, which calls a std::function per output
 * element and, for the backward pass, runs the forward pass again for its argmax workspace: ~30% of
 * a Conv-6 step at 1/4 width on 28×28 inputs, ~17% of a VGG-19 step at 1/8 width.
 *
 * <p>The arithmetic is oneDNN's (as this build of libnd4j links it): the maximum starts at
 * {@code -Float.MAX_VALUE} with the argmax at the window's first element; the window's in-range elements
 * (a "same"-mode pad is on the bottom and right only: an odd side of 7 pools to 4, the last window
 * holding one row or column) are read in row order and replace it only if strictly greater. So NaN is
 * never taken (a window of NaNs or -∞ gives -MAX_VALUE) and of equal values the first wins. The
 * backward pass zeroes the input gradient and adds each output's gradient at that argmax
 * ({@code 0 + g}: a gradient of -0 becomes +0, as oneDNN's {@code +=} makes it). DL4J M2.1 runs the
 * forward pass as libnd4j's maxpool2d op from the layer itself (which {@link FastMaxPooling}'s layer
 * overrides) and the backward pass through its oneDNN helper (which this class replaces, delegating
 * the configurations it does not cover). Tested against DL4J's layer ({@code MaxPoolKernelsTest}).
 */
final class MaxPoolKernels implements SubsamplingHelper {
    /** Passes these loops ran (not the delegate): diagnostics, tests. */
    static final java.util.concurrent.atomic.AtomicLong FORWARD = new java.util.concurrent.atomic.AtomicLong(),
            BACKWARD = new java.util.concurrent.atomic.AtomicLong();

    /** Off: the delegate throughout (for the whole-network bit-identity test). */
    static volatile boolean enabled = true;

    private final SubsamplingHelper delegate;
    /**
     * The input arrives in oneDNN's blocked layout from a {@link DnnlConvHelper} layer, and the output stays blocked
     * for the next one ({@code blockedOut}) or goes plain NCHW to the dense layers: {@link DnnlPool} runs it. Set by
     * {@link BlockedLayout#chain} on both sides of a boundary at once; false (plain, these loops) otherwise.
     */
    boolean blockedIn, blockedOut;
    /** Primitives per batch size, for the blocked layout. */
    private final DnnlPool.Cache pools = new DnnlPool.Cache();

    MaxPoolKernels(SubsamplingHelper delegate) {
        this.delegate = delegate;
    }

    SubsamplingHelper delegate() { return delegate; }

    static boolean supported(INDArray input, int[] kernel, int[] strides, int[] pad, PoolingType type, ConvolutionMode mode,
                             int[] dilation, CNN2DFormat format) {
        return enabled && type == PoolingType.MAX && format == CNN2DFormat.NCHW && input.dataType() == DataType.FLOAT && input.rank() == 4
                && input.length() <= Integer.MAX_VALUE && Buffers.cpu()
                && kernel[0] == 2 && kernel[1] == 2 && strides[0] == 2 && strides[1] == 2
                && (dilation == null || dilation[0] == 1 && dilation[1] == 1)
                && (mode == ConvolutionMode.Same || (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict)
                        && pad[0] == 0 && pad[1] == 0 && input.size(2) >= 2 && input.size(3) >= 2);
    }

    /** Output side: "same" ceil(n/2); truncating floor(n/2) (the last row/column of an odd side dropped). */
    static int out(long in, ConvolutionMode mode) {
        return (int) (mode == ConvolutionMode.Same ? (in + 1) / 2 : in / 2);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, int[] kernel, int[] strides, int[] pad, PoolingType type,
                             ConvolutionMode mode, int[] dilation, CNN2DFormat format, LayerWorkspaceMgr mgr) {
        if (!supported(input, kernel, strides, pad, type, mode, dilation, format)) {
            if (blockedIn) throw new BlockedLayout.Misread("pooling " + input.shapeInfoToString());
            return delegate.activate(input, training, kernel, strides, pad, type, mode, dilation, format, mgr);
        }
        return pool(input, mode, mgr);
    }

    /** The pooled activations of a {@link #supported} input, in the layer's activation workspace: by {@link DnnlPool} where the input is blocked, else these loops. */
    INDArray pool(INDArray input, ConvolutionMode mode, LayerWorkspaceMgr mgr) {
        int n = (int) input.size(0), c = (int) input.size(1), ih = (int) input.size(2), iw = (int) input.size(3);
        int oh = out(ih, mode), ow = out(iw, mode);
        INDArray output = mgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[]{n, c, oh, ow}, 'c');
        if (blockedIn)
            BlockedLayout.run(() -> pools.get(n, c, ih, iw, oh, ow, !blockedOut).forward(Buffers.pointer(Buffers.denseC(input)), Buffers.pointer(output)));
        else forward(Buffers.of(Buffers.denseC(input)), Buffers.of(output), n * c, ih, iw, oh, ow);
        FORWARD.incrementAndGet();
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, int[] kernel, int[] strides, int[] pad,
                                                     PoolingType type, ConvolutionMode mode, int[] dilation, CNN2DFormat format,
                                                     LayerWorkspaceMgr mgr) {
        if (!supported(input, kernel, strides, pad, type, mode, dilation, format) || epsilon.dataType() != DataType.FLOAT) {
            if (blockedIn) throw new BlockedLayout.Misread("pooling " + input.shapeInfoToString());
            return delegate.backpropGradient(input, epsilon, kernel, strides, pad, type, mode, dilation, format, mgr);
        }
        int n = (int) input.size(0), c = (int) input.size(1), ih = (int) input.size(2), iw = (int) input.size(3);
        int oh = out(ih, mode), ow = out(iw, mode);
        if (epsilon.rank() != 4 || epsilon.size(0) != n || epsilon.size(1) != c || epsilon.size(2) != oh || epsilon.size(3) != ow) {
            if (blockedIn) throw new BlockedLayout.Misread("pooling gradient " + epsilon.shapeInfoToString());
            return delegate.backpropGradient(input, epsilon, kernel, strides, pad, type, mode, dilation, format, mgr);
        }
        INDArray grad = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape());
        if (blockedIn) {
            BlockedLayout.run(() -> pools.get(n, c, ih, iw, oh, ow, !blockedOut).backward(Buffers.pointer(Buffers.denseC(input)),
                    Buffers.pointer(Buffers.denseC(epsilon)), Buffers.pointer(grad)));
            BACKWARD.incrementAndGet();
            return new Pair<>(new DefaultGradient(), grad);
        }
        backward(Buffers.of(Buffers.denseC(input)), Buffers.of(Buffers.denseC(epsilon)), Buffers.of(grad), n * c, ih, iw, oh, ow);
        BACKWARD.incrementAndGet();
        return new Pair<>(new DefaultGradient(), grad);
    }

    /** Max over each window, oneDNN's order: the first in-range element, replaced only by a strictly greater one. */
    static void forward(FloatBuffer x, FloatBuffer y, int planes, int ih, int iw, int oh, int ow) {
        float[] row0 = new float[iw], row1 = new float[iw], outRow = new float[ow];
        for (int p = 0; p < planes; p++) {
            int in = p * ih * iw, outBase = p * oh * ow;
            for (int r = 0; r < oh; r++) {
                int y0 = 2 * r;
                boolean two = y0 + 1 < ih;
                x.get(in + y0 * iw, row0, 0, iw);
                if (two) x.get(in + (y0 + 1) * iw, row1, 0, iw);
                for (int q = 0; q < ow; q++) {
                    int x0 = 2 * q;
                    boolean wide = x0 + 1 < iw;
                    float d = -Float.MAX_VALUE;
                    if (row0[x0] > d) d = row0[x0];
                    if (wide && row0[x0 + 1] > d) d = row0[x0 + 1];
                    if (two) {
                        if (row1[x0] > d) d = row1[x0];
                        if (wide && row1[x0 + 1] > d) d = row1[x0 + 1];
                    }
                    outRow[q] = d;
                }
                y.put(outBase + r * ow, outRow, 0, ow);
            }
        }
    }

    /** Zeroes dx, then adds each window's gradient to its argmax (as {@link #forward} picks it): dx = 0 + g there. */
    static void backward(FloatBuffer x, FloatBuffer dy, FloatBuffer dx, int planes, int ih, int iw, int oh, int ow) {
        float[] row0 = new float[iw], row1 = new float[iw], g0 = new float[iw], g1 = new float[iw], gy = new float[ow];
        for (int p = 0; p < planes; p++) {
            int in = p * ih * iw, outBase = p * oh * ow;
            for (int r = 0; r < oh; r++) {
                int y0 = 2 * r;
                boolean two = y0 + 1 < ih;
                x.get(in + y0 * iw, row0, 0, iw);
                if (two) x.get(in + (y0 + 1) * iw, row1, 0, iw);
                dy.get(outBase + r * ow, gy, 0, ow);
                java.util.Arrays.fill(g0, 0f);
                java.util.Arrays.fill(g1, 0f);
                for (int q = 0; q < ow; q++) {
                    int x0 = 2 * q;
                    boolean wide = x0 + 1 < iw;
                    float d = -Float.MAX_VALUE;
                    int at = 0;                                   // 0..3: kh * 2 + kw
                    if (row0[x0] > d) d = row0[x0];
                    if (wide && row0[x0 + 1] > d) { d = row0[x0 + 1]; at = 1; }
                    if (two) {
                        if (row1[x0] > d) { d = row1[x0]; at = 2; }
                        if (wide && row1[x0 + 1] > d) { at = 3; }
                    }
                    float g = 0f + gy[q];
                    switch (at) {
                        case 0 -> g0[x0] = g;
                        case 1 -> g0[x0 + 1] = g;
                        case 2 -> g1[x0] = g;
                        default -> g1[x0 + 1] = g;
                    }
                }
                dx.put(in + y0 * iw, g0, 0, iw);
                if (two) dx.put(in + (y0 + 1) * iw, g1, 0, iw);
            }
            // a truncating pool leaves the last row of an odd side out of every window: its gradient is 0
            for (int r = 2 * oh; r < ih; r++) {
                java.util.Arrays.fill(g0, 0f);
                dx.put(in + r * iw, g0, 0, iw);
            }
        }
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return delegate.helperMemoryUse();
    }

    @Override
    public boolean checkSupported() {
        return true;
    }
}
