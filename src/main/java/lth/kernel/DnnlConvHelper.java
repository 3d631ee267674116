package lth.kernel;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * DL4J's oneDNN convolution helper with the forward and both backward passes of stride-1 k×k convolutions
 * (k odd, "same" or symmetric padding, NCHW, float) computed by {@link DnnlConv}: oneDNN 2.5's direct kernels
 * with primitives built once per shape, instead of libnd4j's oneDNN 2.3 calls, which rebuild them every time and
 * let oneDNN pick Winograd for the backward passes. Every other shape goes to DL4J's helper (inherited), unchanged.
 *
 * <p>The same function as what it replaces (y = conv(x, W) + b and its gradients), with another order of float
 * operations: agreement to float rounding is tested ({@code DnnlConvHelperTest}); deterministic at a fixed thread
 * count, so the run keys of the networks that use it name it ({@link lth.model.ModelSpec#convKey()}).
 */
final class DnnlConvHelper extends MKLDNNConvHelper {
    /** Forward and backward passes computed here (not delegated): diagnostics, tests. */
    static final AtomicLong FORWARD = new AtomicLong(), BACKWARD = new AtomicLong();

    /** Primitives per batch size (training batches, evaluation batches and a last partial one). */
    private final Map<Long, DnnlConv> convs = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, DnnlConv> eldest) {
            if (size() <= 6) return false;
            eldest.getValue().close();
            return true;
        }
    };
    private INDArray gradW, gradB;
    /** False for a network's first layer, whose input gradient training never reads ({@link CachingConvolution#dropInputGradient}). */
    boolean inputGradient = true;
    /** The input / output (and their gradients) are in oneDNN's blocked layout, as the neighbouring layer keeps them ({@link BlockedLayout}). */
    boolean blockedIn, blockedOut;
    /** Input gradients left at zero (first layers; here and in {@link ForwardConvBackprop}): diagnostics, tests. */
    static final AtomicLong SKIPPED = new AtomicLong();

    /** A subclass, not a wrapper: DL4J's layer treats a {@code MKLDNNConvHelper} specially (no dummy bias for a bias-free layer). */
    DnnlConvHelper(DataType dataType) { super(dataType); }

    /** The padding each side for a supported configuration, or -1 where DL4J's helper runs the layer. */
    static int padding(INDArray input, INDArray weights, int[] kernel, int[] strides, int[] pad, int[] dilation,
                       ConvolutionMode mode, CNN2DFormat format) {
        if (!DnnlLib.available() || format != CNN2DFormat.NCHW || input.rank() != 4 || input.dataType() != DataType.FLOAT
                || weights.dataType() != DataType.FLOAT || kernel[0] != kernel[1] || kernel[0] % 2 == 0
                || strides[0] != 1 || strides[1] != 1 || dilation[0] != 1 || dilation[1] != 1) return -1;
        if (mode == ConvolutionMode.Same) return (kernel[0] - 1) / 2;
        if (pad[0] != pad[1] || input.size(2) + 2L * pad[0] < kernel[0] || input.size(3) + 2L * pad[0] < kernel[0]) return -1;
        return pad[0];
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
                              ConvolutionLayer.AlgoMode mode, ConvolutionLayer.FwdAlgo fwdAlgo, ConvolutionMode convolutionMode,
                              int[] dilation, CNN2DFormat format, LayerWorkspaceMgr ws) {
        int p = padding(input, weights, kernel, strides, pad, dilation, convolutionMode, format);
        if (p < 0 && (blockedIn || blockedOut)) throw new BlockedLayout.Misread("convolution " + input.shapeInfoToString());
        if (p < 0)
            return super.preOutput(input, weights, bias, kernel, strides, pad, mode, fwdAlgo, convolutionMode, dilation, format, ws);
        FORWARD.incrementAndGet();
        DnnlConv conv = conv(input, weights, p, bias != null);
        INDArray x = Buffers.denseC(input), w = Buffers.denseC(weights);
        INDArray out = ws.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[]{conv.n, conv.co, conv.oh, conv.ow}, 'c');
        Runnable forward = () -> conv.forward(Buffers.pointer(x), Buffers.pointer(w), bias == null ? null : Buffers.pointer(Buffers.denseC(bias)),
                Buffers.pointer(out));
        guard(forward);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta, int[] kernel,
                                                     int[] strides, int[] pad, INDArray biasGradView, INDArray weightGradView,
                                                     IActivation afn, ConvolutionLayer.AlgoMode mode,
                                                     ConvolutionLayer.BwdFilterAlgo bwdFilterAlgo,
                                                     ConvolutionLayer.BwdDataAlgo bwdDataAlgo, ConvolutionMode convolutionMode,
                                                     int[] dilation, CNN2DFormat format, LayerWorkspaceMgr ws) {
        int p = padding(input, weights, kernel, strides, pad, dilation, convolutionMode, format);
        if ((p < 0 || delta.dataType() != DataType.FLOAT) && (blockedIn || blockedOut))
            throw new BlockedLayout.Misread("convolution gradient " + delta.shapeInfoToString());
        if (p < 0 || delta.dataType() != DataType.FLOAT)
            return super.backpropGradient(input, weights, bias, delta, kernel, strides, pad, biasGradView, weightGradView, afn,
                    mode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format, ws);
        BACKWARD.incrementAndGet();
        DnnlConv conv = conv(input, weights, p, biasGradView != null);
        INDArray x = Buffers.denseC(input), dy = Buffers.denseC(delta), w = Buffers.denseC(weights);
        INDArray dx;
        if (inputGradient) {
            dx = ws.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
            guard(() -> conv.backwardData(Buffers.pointer(dy), Buffers.pointer(w), Buffers.pointer(dx)));
        } else {
            dx = ws.create(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
            SKIPPED.incrementAndGet();
        }

        scratch(conv.co, conv.ci, conv.k);
        INDArray wTarget = isDense(weightGradView) ? weightGradView : gradW;
        INDArray bTarget = biasGradView == null ? null : isDense(biasGradView) ? biasGradView : gradB;
        guard(() -> conv.backwardWeights(Buffers.pointer(x), Buffers.pointer(dy), Buffers.pointer(wTarget),
                bTarget == null ? null : Buffers.pointer(bTarget)));
        if (wTarget != weightGradView) weightGradView.assign(gradW.reshape(weightGradView.shape()));
        Gradient g = new DefaultGradient();
        if (biasGradView != null) {
            if (bTarget != biasGradView) biasGradView.assign(gradB.reshape(biasGradView.shape()));
            g.gradientForVariable().put("b", biasGradView);
        }
        g.gradientForVariable().put("W", weightGradView);
        return new Pair<>(g, dx);
    }

    /** Runs a oneDNN call; on the blocked layout a failure is an Error, so DL4J cannot fall back to reading it as NCHW. */
    private void guard(Runnable call) {
        if (blockedIn || blockedOut) BlockedLayout.run(call);
        else call.run();
    }

    private DnnlConv conv(INDArray input, INDArray weights, int p, boolean bias) {
        long n = input.size(0);
        DnnlConv c = convs.get(n);
        int ci = (int) input.size(1), co = (int) weights.size(0), h = (int) input.size(2), w = (int) input.size(3), k = (int) weights.size(2);
        if (c != null && c.ci == ci && c.co == co && c.h == h && c.w == w && c.k == k && c.pad == p && c.bias == bias
                && c.blockedIn == blockedIn && c.blockedOut == blockedOut) return c;
        if (c != null) c.close();
        c = new DnnlConv((int) n, ci, co, h, w, k, p, bias, blockedIn, blockedOut);
        convs.put(n, c);
        return c;
    }

    private void scratch(int co, int ci, int k) {
        if (gradW != null && gradW.size(0) == co && gradW.size(1) == ci && gradW.size(2) == k) return;
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            gradW = Nd4j.createUninitialized(DataType.FLOAT, co, ci, k, k);
            gradB = Nd4j.createUninitialized(DataType.FLOAT, co);
        }
    }

    private static boolean isDense(INDArray a) {
        return a.dataType() == DataType.FLOAT && Buffers.isDenseC(a);
    }

}
