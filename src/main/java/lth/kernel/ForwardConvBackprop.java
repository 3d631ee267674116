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
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;

/**
 * DL4J's oneDNN convolution helper with another backward pass for 3×3, stride-1, pad-1 convolutions
 * (NCHW, float): both gradients as <em>forward</em> convolutions, which oneDNN runs with its fast direct
 * kernels, instead of its backward primitives. At the reduced tier's shapes (4–16 channels, batch 60–128,
 * one thread) oneDNN 2.3 picks Winograd for those and reorders every tensor to a blocked layout and back:
 * measured, the backward-data pass of a 4-channel 28×28 ResNet-20 convolution took 7.6× its forward pass.
 * <pre>
 *   dX = conv(dY, W')       W'[i][o][a][b] = W[o][i][2−a][2−b]  (flipped, in/out swapped), pad 1
 *   dW = conv(Xᵀ, dYᵀ)ᵀ     Xᵀ[i][n] = X[n][i] as the batch, dYᵀ[o][n] = dY[n][o] as a 28×28 kernel, pad 1
 *   db = Σ dY over n, h, w  (double sums)
 * </pre>
 * The same function as the backward pass it replaces, the gradient of y = conv(x, W) + b, with another
 * order of float operations: agreement to float rounding is tested ({@code ForwardConvBackpropTest}),
 * deterministic, so the run keys of the networks that use it name it ({@link lth.model.ModelSpec#convKey()}).
 * Forward passes, inference and every other shape are DL4J's helper's (inherited), unchanged.
 */
final class ForwardConvBackprop extends MKLDNNConvHelper {
    /** Backward passes computed here (not delegated): diagnostics, tests. */
    static final java.util.concurrent.atomic.AtomicLong BACKWARD = new java.util.concurrent.atomic.AtomicLong();

    /** False for a network's first layer, whose input gradient training never reads ({@link CachingConvolution#dropInputGradient}). */
    boolean inputGradient = true;

    /** Per-layer scratch (outside workspaces), reallocated when a shape changes. */
    private INDArray flipped, xT, dyT, dw, gradW, gradB;

    /**
     * A subclass, not a wrapper: DL4J's layer treats a {@code MKLDNNConvHelper} specially (no dummy bias for a
     * bias-free layer), and the forward pass must stay exactly the helper's.
     */
    ForwardConvBackprop(DataType dataType) { super(dataType); }

    static boolean supported(INDArray input, INDArray weights, INDArray delta, int[] kernel, int[] strides, int[] pad,
                             int[] dilation, ConvolutionMode mode, CNN2DFormat format) {
        return format == CNN2DFormat.NCHW && input.dataType() == DataType.FLOAT && weights.dataType() == DataType.FLOAT
                && delta.dataType() == DataType.FLOAT && input.rank() == 4 && delta.rank() == 4
                && kernel[0] == 3 && kernel[1] == 3 && strides[0] == 1 && strides[1] == 1 && dilation[0] == 1 && dilation[1] == 1
                && (mode == ConvolutionMode.Same || pad[0] == 1 && pad[1] == 1)
                && delta.size(2) == input.size(2) && delta.size(3) == input.size(3)      // "same" output: pad 1 each side
                && input.size(2) * input.size(3) * input.size(0) * Math.max(input.size(1), delta.size(1)) < Integer.MAX_VALUE;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta, int[] kernel,
                                                     int[] strides, int[] pad, INDArray biasGradView, INDArray weightGradView,
                                                     IActivation afn, ConvolutionLayer.AlgoMode mode,
                                                     ConvolutionLayer.BwdFilterAlgo bwdFilterAlgo,
                                                     ConvolutionLayer.BwdDataAlgo bwdDataAlgo, ConvolutionMode convolutionMode,
                                                     int[] dilation, CNN2DFormat format, LayerWorkspaceMgr ws) {
        if (!supported(input, weights, delta, kernel, strides, pad, dilation, convolutionMode, format))
            return super.backpropGradient(input, weights, bias, delta, kernel, strides, pad, biasGradView, weightGradView, afn,
                    mode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format, ws);
        BACKWARD.incrementAndGet();
        int n = (int) input.size(0), ci = (int) input.size(1), co = (int) delta.size(1);
        int h = (int) input.size(2), w = (int) input.size(3), hw = h * w;
        INDArray x = Buffers.denseC(input), dy = Buffers.denseC(delta), wt = Buffers.denseC(weights);
        scratch(n, ci, co, h, w);

        // dX: a forward convolution of dY with the flipped, transposed kernel (zero for a first layer: never read)
        INDArray dx;
        if (inputGradient) {
            FloatBuffer wb = Buffers.of(wt), fb = Buffers.of(flipped);
            for (int o = 0; o < co; o++)
                for (int i = 0; i < ci; i++)
                    for (int k = 0; k < 9; k++) fb.put((i * co + o) * 9 + (8 - k), wb.get((o * ci + i) * 9 + k));
            dx = ws.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
            conv(dy, flipped, dx, 3, 3);
        } else {
            dx = ws.create(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
            DnnlConvHelper.SKIPPED.incrementAndGet();
        }

        // dW: a forward convolution of Xᵀ (channels as the batch) with dYᵀ as an h×w kernel
        transpose(Buffers.of(x), Buffers.of(xT), n, ci, hw);
        transpose(Buffers.of(dy), Buffers.of(dyT), n, co, hw);
        conv(xT, dyT, dw, h, w);
        FloatBuffer db = Buffers.of(dw), gw = Buffers.of(gradW);
        for (int o = 0; o < co; o++)
            for (int i = 0; i < ci; i++)
                for (int k = 0; k < 9; k++) gw.put((o * ci + i) * 9 + k, db.get((i * co + o) * 9 + k));
        weightGradView.assign(gradW.reshape(weightGradView.shape()));      // the views DL4J hands in: copied into, whatever their strides

        Gradient g = new DefaultGradient();
        if (biasGradView != null) {
            FloatBuffer d = Buffers.of(dy), gb = Buffers.of(gradB);
            for (int o = 0; o < co; o++) {
                double s = 0;
                for (int b = 0; b < n; b++) {
                    int off = (b * co + o) * hw;
                    for (int j = 0; j < hw; j++) s += d.get(off + j);
                }
                gb.put(o, (float) s);
            }
            biasGradView.assign(gradB.reshape(biasGradView.shape()));
            g.gradientForVariable().put("b", biasGradView);
        }
        g.gradientForVariable().put("W", weightGradView);
        return new Pair<>(g, dx);
    }

    /** out = conv2d(in, k): a kH×kW kernel laid out [out, in, kH, kW], stride 1, pad 1, NCHW (libnd4j's op, oneDNN's kernel). */
    private static void conv(INDArray in, INDArray k, INDArray out, int kh, int kw) {
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(in, k).addOutputs(out)
                .addIntegerArguments(kh, kw, 1, 1, 1, 1, 1, 1, 0, 0, 1).build());
    }

    /** [a][b][hw] → [b][a][hw] for contiguous NCHW-like buffers. */
    private static void transpose(FloatBuffer src, FloatBuffer dst, int a, int b, int hw) {
        float[] row = new float[hw];
        for (int i = 0; i < a; i++)
            for (int j = 0; j < b; j++) {
                src.get((i * b + j) * hw, row, 0, hw);
                dst.put((j * a + i) * hw, row, 0, hw);
            }
    }

    private void scratch(int n, int ci, int co, int h, int w) {
        if (flipped != null && xT.size(0) == ci && xT.size(1) == n && dyT.size(0) == co && xT.size(2) == h && xT.size(3) == w) return;
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            flipped = Nd4j.createUninitialized(DataType.FLOAT, ci, co, 3, 3);
            xT = Nd4j.createUninitialized(DataType.FLOAT, ci, n, h, w);
            dyT = Nd4j.createUninitialized(DataType.FLOAT, co, n, h, w);
            dw = Nd4j.createUninitialized(DataType.FLOAT, ci, co, 3, 3);
            gradW = Nd4j.createUninitialized(DataType.FLOAT, co, ci, 3, 3);
            gradB = Nd4j.createUninitialized(DataType.FLOAT, co);
        }
    }

}
