package lth.train;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.Map;

/**
 * The training step of a masked multilayer perceptron (dense ReLU layers, softmax output with
 * cross-entropy), written directly against ND4J so that one step is ~20 native calls into
 * preallocated buffers instead of DL4J's ~45 with workspaces, score and listeners.
 *
 * <p>It computes what {@link MultiLayerNetwork#fit} computes, in the same order with the same ND4J
 * ops, on the network's own parameter views (so {@code net.getParam(key)} holds the trained weights
 * and θ0 is DL4J's own initialization): forward {@code x·W + b}, ReLU; output softmax;
 * δ = softmax − labels; ∇W = xᵀ·δ, ∇b = Σδ; ε = (W·δᵀ)ᵀ ⊙ ReLU'; the flat gradient divided by the
 * batch size; the configured updater ({@link GradientUpdater}, e.g. Adam) on the flat gradient;
 * {@code params -= update}; then {@code W ⊙= mask} for every masked weight (what
 * {@link lth.model.MaskConstraint} does after every DL4J update). The one thing left out is the
 * gradient with respect to the network input, which nothing reads.
 */
final class FastMlp {
    private final MultiLayerNetwork net;
    private final int layers;
    private final int batch;
    private final INDArray params;          // the network's flat parameter view
    private final INDArray grad;            // flat gradient [1, n], same layout as params
    private final INDArray gradFlat;        // the same, in the shape of params
    private final INDArray[] w, b, gw, gb, mask;
    private final INDArray[] pre;           // [batch, nOut] (c order): pre-activation of hidden layers
    private final INDArray[] dz;            // [batch, nOut] (c order): δ of hidden layers
    private final INDArray[] act;           // [batch, nOut] per layer (c order): post-activation
    private final INDArray[] epsF;          // [nIn, batch] (f order): W·δᵀ for layers 1..n-1
    private final GradientUpdater<?> updater;

    /** Whether {@code net} is a stack this step implements exactly (else use DL4J's own fit). */
    static boolean supports(MultiLayerNetwork net) { return unsupported(net) == null; }

    /** Why {@code net} is not supported, or null. */
    static String unsupported(MultiLayerNetwork net) {
        int n = net.getnLayers();
        var c = net.getLayerWiseConfigurations();
        if (n < 1) return "no layers";
        if (c.getInputPreProcessors() != null && !c.getInputPreProcessors().isEmpty()) return "preprocessors";
        if (net.params().dataType() != DataType.FLOAT) return "not float";
        IUpdater first = null;
        for (int i = 0; i < n; i++) {
            if (!c.getConf(i).isMiniBatch()) return "not minibatch";
            var l = c.getConf(i).getLayer();
            if (!(l instanceof BaseLayer bl)) return "layer " + i + " not a BaseLayer";
            if (i < n - 1 && !(l.getClass() == DenseLayer.class && bl.getActivationFn() instanceof ActivationReLU r
                    && r.getMax() == null && zeroOrNull(r.getThreshold()) && zeroOrNull(r.getNegativeSlope())
                    && ((DenseLayer) l).hasBias()))
                return "layer " + i + " not a dense ReLU layer with bias";
            if (i == n - 1 && !(l.getClass() == OutputLayer.class && bl.getActivationFn() instanceof ActivationSoftmax
                    && ((OutputLayer) l).getLossFn() instanceof LossMCXENT mc && mc.getWeights() == null
                    && ((OutputLayer) l).hasBias()))
                return "output not softmax + MCXENT with bias";
            if (bl.getIDropout() != null || bl.getWeightNoise() != null) return "dropout/weight noise";
            if ((bl.getRegularization() != null && !bl.getRegularization().isEmpty())
                    || (bl.getRegularizationBias() != null && !bl.getRegularizationBias().isEmpty()))
                return "regularization";
            if (bl.getGradientNormalization() != null
                    && bl.getGradientNormalization() != org.deeplearning4j.nn.conf.GradientNormalization.None)
                return "gradient normalization";
            IUpdater biasU = bl.getBiasUpdater() == null ? bl.getIUpdater() : bl.getBiasUpdater();
            if (first == null) first = bl.getIUpdater();
            if (!first.equals(bl.getIUpdater()) || !first.equals(biasU)) return "mixed updaters";
        }
        return null;
    }

    private static boolean zeroOrNull(Double d) { return d == null || d == 0.0; }

    FastMlp(MultiLayerNetwork net, Map<String, INDArray> masks, int batch) {
        this.net = net;
        this.layers = net.getnLayers();
        this.batch = batch;
        this.params = net.params();
        this.grad = Nd4j.create(params.dataType(), new long[]{1, params.length()}, 'c');
        w = new INDArray[layers]; b = new INDArray[layers]; gw = new INDArray[layers]; gb = new INDArray[layers];
        mask = new INDArray[layers]; act = new INDArray[layers]; dz = new INDArray[layers]; pre = new INDArray[layers]; epsF = new INDArray[layers];
        long off = 0;
        for (int i = 0; i < layers; i++) {
            Layer l = net.getLayer(i);
            w[i] = l.getParam("W");
            b[i] = l.getParam("b");
            long nIn = w[i].size(0), nOut = w[i].size(1);
            // DL4J's gradient views: W in 'f' order then b, contiguous, in the layer order of params().
            gw[i] = grad.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(off, off + nIn * nOut)).reshape('f', nIn, nOut);
            off += nIn * nOut;
            gb[i] = grad.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(off, off + nOut));
            off += nOut;
            INDArray m = masks.get(i + "_W");
            // in the weight view's order ('f'): a c-order mask on an f-order view takes the slow
            // strided path (~2 ms per step for LeNet's first layer instead of ~35 µs); same values
            mask[i] = m == null ? null : m.dup(w[i].ordering());
            act[i] = Nd4j.create(params.dataType(), new long[]{batch, nOut}, 'c');
            if (i < layers - 1) pre[i] = Nd4j.create(params.dataType(), new long[]{batch, nOut}, 'c');
            if (i < layers - 1) dz[i] = Nd4j.create(params.dataType(), new long[]{batch, nOut}, 'c');
            if (i > 0) epsF[i] = Nd4j.create(params.dataType(), new long[]{nIn, batch}, 'f');
        }
        gradFlat = grad.reshape(params.shape());
        if (off != params.length()) throw new IllegalStateException("unexpected parameter layout");
        IUpdater u = ((BaseLayer) net.getLayerWiseConfigurations().getConf(0).getLayer()).getIUpdater();
        long stateSize = u.stateSize(params.length());
        INDArray state = stateSize == 0 ? null : Nd4j.create(params.dataType(), new long[]{1, stateSize}, 'c');
        updater = u.instantiate(state, true);
    }

    /**
     * One update on the minibatch {@code x} [batch, nIn] with one-hot {@code y}, at the network's
     * iteration and epoch counts (as DL4J's updater sees them); advances the iteration count.
     */
    void step(INDArray x, INDArray y) {
        int iteration = net.getIterationCount(), epoch = net.getEpochCount();
        gradient(x, y);
        gradFlat.divi(batch);
        updater.applyUpdater(gradFlat, iteration, epoch);
        params.subi(gradFlat);
        for (int i = 0; i < layers; i++) if (mask[i] != null) w[i].muli(mask[i]);
        net.setIterationCount(iteration + 1);
    }

    /** The summed (not yet batch-averaged) gradient of the loss over the minibatch, into the flat buffer. */
    INDArray gradient(INDArray x, INDArray y) {
        INDArray in = x;
        for (int i = 0; i < layers; i++) {
            INDArray z = i < layers - 1 ? pre[i] : act[i];
            in.mmuli(w[i], z);
            z.addiRowVector(b[i]);
            if (i < layers - 1) Nd4j.exec(new RectifiedLinear(z, act[i]));
            else Nd4j.exec(new SoftMax(z, z));
            in = act[i];
        }
        INDArray delta = act[layers - 1].subi(y);              // softmax − labels (LossMCXENT, no weights)
        for (int i = layers - 1; i >= 0; i--) {
            INDArray input = i == 0 ? x : act[i - 1];
            Nd4j.gemm(input, delta, gw[i], true, false, 1.0, 0.0);
            delta.sum(gb[i], 0);
            if (i == 0) break;
            INDArray eps = w[i].mmuli(delta.transpose(), epsF[i]).transpose();
            // ReLU' at the pre-activation, as DL4J's ActivationReLU.backprop (the op counts z = 0 as positive)
            Nd4j.exec(new LeakyReLUBp(pre[i - 1], eps, dz[i - 1], 0.0));
            delta = dz[i - 1];
        }
        return grad;
    }
}
