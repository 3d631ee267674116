package lth.kernel;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.bytedeco.javacpp.FloatPointer;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * The training step of a masked multilayer perceptron (dense ReLU layers, softmax output with
 * cross-entropy, no regularization or dropout), on the CPU backend, in preallocated buffers.
 *
 * <p>It computes bit for bit what {@link MultiLayerNetwork#fit} computes, on the network's own
 * parameter views (so {@code net.getParam(key)} holds the trained weights and θ0 is DL4J's own
 * initialization): forward {@code x·W + b}, ReLU; output softmax; δ = softmax − labels;
 * ∇W = xᵀ·δ, ∇b = Σδ; ε = (W·δᵀ)ᵀ ⊙ ReLU'; the flat gradient divided by the batch size; the
 * configured updater; {@code params -= update}; then {@code W ⊙= mask} for every masked weight
 * (what {@link lth.model.MaskConstraint} does after every DL4J update). The one thing left out is
 * the gradient with respect to the network input, which nothing reads.
 *
 * <p>How: the matrix products are the {@code cblas_sgemm} calls ND4J itself makes ({@link Sgemm}),
 * on the same memory; bias, ReLU, ReLU' and the bias-gradient sums are Java loops over heap copies;
 * softmax and δ stay ND4J ops; for Adam the whole update (÷ batch, Adam, subtract, mask) is one
 * fused pass ({@link FusedAdam}), other updaters run through ND4J. {@code FastMlpTest} checks the
 * trajectory against DL4J's fit step by step; {@code FastKernelsTest} checks each loop against the
 * ND4J op it replaces.
 */
public final class FastMlp {
    private final MultiLayerNetwork net;
    private final int layers;
    private final int batch;
    private final INDArray params;          // the network's flat parameter view
    private final FloatBuffer paramBuf;     // the same memory, for reading the biases
    private final INDArray grad;            // flat gradient [1, n], same layout as params
    private final INDArray gradFlat;        // the same, in the shape of params
    private final INDArray[] w, b, gw, mask;
    private final int[] biasOff;            // offset of each layer's bias in params
    private final float[][] bias;           // per layer: the bias, read before each forward pass
    private final float[][] biasGrad;       // per layer: ∇b, written into the flat gradient
    private final FloatBuffer gradBuf;      // the flat gradient's memory
    private final float[] outDelta;         // heap copy of the output layer's δ
    private final INDArray[] z;             // [batch, nOut] ('f', as DL4J's pre-outputs): x·W (+ b for the output)
    private final INDArray[] act;           // [batch, nOut] ('c', as DL4J's fit feeds the next layer): ReLU(x·W + b) of hidden layers
    private final INDArray[] dz;            // [batch, nOut] ('f'): δ of hidden layers
    private final INDArray[] epsF;          // [nIn, batch] ('f'): W·δᵀ for layers 1..n-1
    private final FloatBuffer[] zBuf, actBuf, dzBuf, epsBuf;
    private final FloatPointer[] wPtr, zPtr, actPtr, dzPtr, epsPtr, gwPtr;
    private final int[] nIn, nOut;
    private final float[][] preH;           // heap copy of the hidden pre-activations x·W + b ('f' layout)
    private final float[] tmp, tmp2;        // scratch, the size of the largest [batch, n] array
    private final GradientUpdater<?> updater;
    private final FusedAdam adam;           // Adam: the update, fused (else null and the ND4J updater)
    private final INDArray updaterView;     // the ND4J updater's state (null for Adam and for stateless updaters)

    /** Whether {@code net} is a stack this step implements exactly (else use DL4J's own fit). */
    public static boolean supports(MultiLayerNetwork net) { return MlpCheck.unsupported(net) == null; }


    public FastMlp(MultiLayerNetwork net, Map<String, INDArray> masks, int batch) {
        this.net = net;
        this.layers = net.getnLayers();
        this.batch = batch;
        this.params = net.params();
        this.paramBuf = Buffers.of(params);
        this.grad = Nd4j.create(params.dataType(), new long[]{1, params.length()}, 'c');
        this.gradBuf = Buffers.of(grad);
        w = new INDArray[layers]; b = new INDArray[layers]; gw = new INDArray[layers];
        mask = new INDArray[layers]; z = new INDArray[layers]; act = new INDArray[layers]; dz = new INDArray[layers];
        epsF = new INDArray[layers]; zBuf = new FloatBuffer[layers]; actBuf = new FloatBuffer[layers];
        dzBuf = new FloatBuffer[layers]; epsBuf = new FloatBuffer[layers];
        preH = new float[layers][]; bias = new float[layers][]; biasOff = new int[layers]; biasGrad = new float[layers][];
        wPtr = new FloatPointer[layers]; zPtr = new FloatPointer[layers]; actPtr = new FloatPointer[layers];
        dzPtr = new FloatPointer[layers]; epsPtr = new FloatPointer[layers]; gwPtr = new FloatPointer[layers];
        nIn = new int[layers]; nOut = new int[layers];
        long off = 0, widest = 0;
        for (int i = 0; i < layers; i++) {
            Layer l = net.getLayer(i);
            w[i] = l.getParam("W");
            b[i] = l.getParam("b");
            long nIn = w[i].size(0), nOut = w[i].size(1);
            if (w[i].ordering() != 'f' || w[i].stride(1) != nIn) throw new IllegalStateException("W not dense 'f'");
            this.nIn[i] = (int) nIn;
            this.nOut[i] = (int) nOut;
            widest = Math.max(widest, Math.max(nIn, nOut));
            // DL4J's gradient views: W in 'f' order then b, contiguous, in the layer order of params().
            gw[i] = grad.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(off, off + nIn * nOut)).reshape('f', nIn, nOut);
            off += nIn * nOut;
            biasOff[i] = (int) off;
            bias[i] = new float[(int) nOut];
            biasGrad[i] = new float[(int) nOut];
            off += nOut;
            INDArray m = masks.get(i + "_W");
            // in the weight view's order ('f'): a c-order mask on an f-order view takes the slow
            // strided path (~2 ms per step for LeNet's first layer instead of ~35 µs); same values
            mask[i] = m == null ? null : m.dup(w[i].ordering());
            z[i] = Nd4j.create(params.dataType(), new long[]{batch, nOut}, 'f');
            zBuf[i] = Buffers.of(z[i]);
            zPtr[i] = Buffers.pointer(z[i]);
            wPtr[i] = Buffers.pointer(w[i]);
            gwPtr[i] = Buffers.pointer(gw[i]);
            if (i < layers - 1) {
                act[i] = Nd4j.create(params.dataType(), new long[]{batch, nOut}, 'c');
                dz[i] = Nd4j.create(params.dataType(), new long[]{batch, nOut}, 'f');
                actBuf[i] = Buffers.of(act[i]);
                dzBuf[i] = Buffers.of(dz[i]);
                actPtr[i] = Buffers.pointer(act[i]);
                dzPtr[i] = Buffers.pointer(dz[i]);
                preH[i] = new float[(int) (batch * nOut)];
            }
            if (i > 0) {
                epsF[i] = Nd4j.create(params.dataType(), new long[]{nIn, batch}, 'f');
                epsBuf[i] = Buffers.of(epsF[i]);
                epsPtr[i] = Buffers.pointer(epsF[i]);
            }
        }
        outDelta = new float[(int) (batch * w[layers - 1].size(1))];
        tmp = new float[(int) (batch * widest)];
        tmp2 = new float[(int) (batch * widest)];
        gradFlat = grad.reshape(params.shape());
        if (off != params.length()) throw new IllegalStateException("unexpected parameter layout");
        IUpdater u = ((BaseLayer) net.getLayerWiseConfigurations().getConf(0).getLayer()).getIUpdater();
        adam = u instanceof Adam a ? new FusedAdam(a, params, grad, flatMask(off), batch) : null;
        long stateSize = adam != null ? 0 : u.stateSize(params.length());
        updaterView = stateSize == 0 ? null : Nd4j.create(params.dataType(), new long[]{1, stateSize}, 'c');
        updater = adam != null ? null : u.instantiate(updaterView, true);
    }

    /** A copy of the optimizer state (Adam: the moments m then v; else the updater's view), for checkpoints. */
    public float[] updaterState() {
        if (adam != null) return adam.state();
        return updaterView == null ? new float[0] : updaterView.dup('c').data().asFloat();
    }

    /** Puts back a copy taken by {@link #updaterState()} (of a step on the same network), before the next step. */
    public void restoreUpdaterState(float[] state) {
        if (state.length != updaterState().length)
            throw new IllegalArgumentException("optimizer state of " + state.length + " values for " + updaterState().length);
        if (adam != null) adam.restore(state);
        else if (updaterView != null) updaterView.assign(Nd4j.create(state, updaterView.shape(), 'c'));
    }

    /** The masks in the layout of the flat parameter vector: 1 for every unmasked entry and bias. */
    private float[] flatMask(long length) {
        float[] flat = new float[(int) length];
        java.util.Arrays.fill(flat, 1f);
        int off = 0;
        for (int i = 0; i < layers; i++) {
            int nW = (int) w[i].length();
            if (mask[i] != null) {
                float[] m = mask[i].dup('f').data().asFloat();    // the W view is 'f' in params
                System.arraycopy(m, 0, flat, off, nW);
            }
            off += nW + (int) b[i].length();
        }
        return flat;
    }

    /**
     * One update on the minibatch {@code x} [batch, nIn] with one-hot {@code y}, at the network's
     * iteration and epoch counts (as DL4J's updater sees them); advances the iteration count.
     */
    public void step(INDArray x, INDArray y) {
        int iteration = net.getIterationCount(), epoch = net.getEpochCount();
        gradient(x, y);
        if (adam != null) {
            adam.apply(iteration, epoch);
            net.setIterationCount(iteration + 1);
            return;
        }
        gradFlat.divi(batch);
        updater.applyUpdater(gradFlat, iteration, epoch);
        params.subi(gradFlat);
        for (int i = 0; i < layers; i++) if (mask[i] != null) w[i].muli(mask[i]);
        net.setIterationCount(iteration + 1);
    }

    /**
     * The summed (not yet batch-averaged) gradient of the loss over the minibatch, into the flat buffer.
     * The matrix products are the {@code cblas_sgemm} calls ND4J's {@code mmul}/{@code gemm} make, on
     * the same memory, with the same flags: each layer's input 'c' [batch, nIn] (x, and the hidden
     * activations, as DL4J's fit feeds them), pre-outputs and δ 'f', W 'f' inside params.
     */
    INDArray gradient(INDArray x, INDArray y) {
        if (x.ordering() != 'c' || x.elementWiseStride() != 1 || x.stride(0) != nIn[0] || x.size(0) != batch)
            x = x.dup('c');                                   // rows of a 'c' epoch tensor are already dense
        FloatPointer xPtr = Buffers.pointer(x);
        int last = layers - 1;
        for (int i = 0; i < layers; i++) {
            // z = in·W: in is x ('c' [batch, nIn] = column-major nIn×batch, transposed) or act ('f')
            // z = in·W: in is x or act, both 'c' [batch, nIn] (= column-major nIn×batch, transposed), as DL4J's
            // fit feeds each layer; the flags matter: OpenBLAS's small-matrix kernels (e.g. SkylakeX) round
            // an 'f' operand's product differently from a 'c' one's
            Sgemm.gemm(true, false, batch, nOut[i], nIn[i], i == 0 ? xPtr : actPtr[i - 1], nIn[i], wPtr[i], nIn[i], zPtr[i], batch);
            paramBuf.get(biasOff[i], bias[i]);
            int n = nOut[i] * batch;
            if (i < last) {
                zBuf[i].get(0, preH[i], 0, n);
                MlpLoops.biasRelu(preH[i], bias[i], tmp, batch);
                MlpLoops.toRowMajor(tmp, tmp2, batch, nOut[i]);
                actBuf[i].put(0, tmp2, 0, n);
            } else {
                zBuf[i].get(0, tmp, 0, n);
                MlpLoops.addBias(tmp, bias[i], batch);
                zBuf[i].put(0, tmp, 0, n);
                Nd4j.exec(new SoftMax(z[i], z[i]));
            }
        }
        z[last].subi(y);                                      // δ = softmax − labels (LossMCXENT, no weights)
        zBuf[last].get(0, outDelta);
        float[] deltaH = outDelta;                            // δ of layer i on the heap ('f' layout)
        FloatPointer deltaPtr = zPtr[last];
        for (int i = last; i >= 0; i--) {
            // ∇W = inᵀ·δ (nIn×nOut, 'f' view of the flat gradient)
            Sgemm.gemm(false, false, nIn[i], nOut[i], batch, i == 0 ? xPtr : actPtr[i - 1], nIn[i], deltaPtr, batch, gwPtr[i], nIn[i]);
            MlpLoops.columnSums(deltaH, batch, biasGrad[i]);           // ∇b = Σ_rows δ (ND4J's sum over dim 0)
            gradBuf.put(biasOff[i], biasGrad[i]);
            if (i == 0) break;
            // εᵀ = W·δᵀ, [nIn, batch] 'f'
            Sgemm.gemm(false, true, nIn[i], batch, nOut[i], wPtr[i], nIn[i], deltaPtr, batch, epsPtr[i], nIn[i]);
            int n = preH[i - 1].length;
            epsBuf[i].get(0, tmp, 0, n);
            MlpLoops.reluBackprop(preH[i - 1], tmp, tmp2, batch);
            dzBuf[i - 1].put(0, tmp2, 0, n);
            deltaH = tmp2;
            deltaPtr = dzPtr[i - 1];
        }
        return grad;
    }
}
