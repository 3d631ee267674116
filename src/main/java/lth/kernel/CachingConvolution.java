package lth.kernel;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's convolution layer, computing exactly what it computes, without computing the forward
 * convolution twice per training step.
 *
 * <p>DL4J 1.0.0-M2.1's {@code ConvolutionLayer.backpropGradient} recomputes the layer's
 * pre-activation (a whole forward convolution) to backpropagate through the activation function: 14–18%
 * of a Conv-2 or VGG-19 training step with the oneDNN engine. This layer keeps the pre-activation
 * from the training forward pass for the backward pass of the same step instead
 * ({@link KeptPreActivation}: nothing for an identity activation, z itself for {@link FastRelu}). Used only when DL4J's oneDNN
 * convolution helper runs the layer: DL4J's own path also needs its im2col buffer from the
 * recomputation, and the cuDNN helper (GPU) is untested, so there nothing
 * changes. The result is bit-identical (tested), so run keys do not change with it.
 */
public class CachingConvolution extends ConvolutionLayer {
    /** For DL4J's JSON (de)serialization of configurations. */
    public CachingConvolution() {
        super();
    }

    public CachingConvolution(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        // as ConvolutionLayer.instantiate, with the caching implementation
        LayerValidation.assertNInNOutSet("ConvolutionLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        Impl ret = new Impl(conf, networkDataType, backpropByForward(), dnnl());
        return LayerWiring.wire(ret, conf, initializer(), listeners, layerIndex, layerParamsView, initializeParams);
    }

    /** Whether the backward pass of 3×3 stride-1 convolutions is {@link ForwardConvBackprop}'s (false: DL4J's helper's). */
    protected boolean backpropByForward() { return false; }

    /** Whether stride-1 convolutions run on {@link DnnlConv}'s oneDNN 2.5 kernels, forward and backward (false: DL4J's helper's). */
    protected boolean dnnl() { return false; }

    /** Whether {@link Dnnl} layers can run their kernels here (oneDNN 2.5's native library loads). */
    public static boolean dnnlAvailable() { return DnnlLib.available(); }

    /** The oneDNN version {@link Dnnl} layers run, for provenance ("unavailable" where it does not load). */
    public static String dnnlVersion() { return DnnlLib.version(); }

    /**
     * Marks {@code layer}, when it is one of these layers, as the first of its network: its input gradient is never read in
     * training (DL4J's fit drops the first layer's), so the harness's own backward passes ({@link DnnlConvHelper},
     * {@link ForwardConvBackprop}) leave it at zero instead of computing it (DL4J's helper computes it regardless). No
     * parameter or metric changes (tested); a flag on this layer object only, which configurations and clones do not carry.
     */
    public static void dropInputGradient(org.deeplearning4j.nn.api.Layer layer) {
        if (layer instanceof Impl impl) impl.dropInputGradient();
    }

    /** Why oneDNN 2.5 does not load here (empty when it does). */
    public static String dnnlProblem() { return DnnlLib.problem(); }

    /**
     * This layer with {@link DnnlConvHelper}'s forward and backward passes where DL4J's oneDNN helper runs it: the
     * networks whose run keys name it ({@link lth.model.ModelSpec#convKey()}) are built with it.
     */
    public static final class Dnnl extends CachingConvolution {
        /** For DL4J's JSON (de)serialization of configurations. */
        public Dnnl() {
            super();
        }

        public Dnnl(ConvolutionLayer.Builder builder) {
            super(builder);
        }

        @Override
        protected boolean dnnl() { return true; }

        @Override
        public Dnnl clone() {
            return (Dnnl) super.clone();
        }
    }

    /**
     * This layer with {@link ForwardConvBackprop}'s backward pass where DL4J's oneDNN helper runs it: the
     * networks whose run keys name it ({@link lth.model.ModelSpec#convKey()}) are built with it.
     */
    public static final class ByForward extends CachingConvolution {
        /** For DL4J's JSON (de)serialization of configurations. */
        public ByForward() {
            super();
        }

        public ByForward(ConvolutionLayer.Builder builder) {
            super(builder);
        }

        @Override
        protected boolean backpropByForward() { return true; }

        @Override
        public ByForward clone() {
            return (ByForward) super.clone();
        }
    }

    /** The layer implementation: DL4J's, with the pre-activation kept from forward to backward. */
    static final class Impl extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
        private final KeptPreActivation kept = new KeptPreActivation();

        Impl(NeuralNetConfiguration conf, DataType dataType, boolean byForward, boolean dnnl) {
            super(conf, dataType);
            if (byForward && oneDnnHelper()) helper = new ForwardConvBackprop(dataType);
            else if (dnnl && oneDnnHelper() && DnnlLib.available()) helper = new DnnlConvHelper(dataType);
        }

        /** DL4J's oneDNN helper runs this layer (the cuDNN one, on a GPU, is left as DL4J has it: untested). */
        private boolean oneDnnHelper() {
            return helper instanceof org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
        }

        void dropInputGradient() {
            if (helper instanceof DnnlConvHelper d) d.inputGradient = false;
            if (helper instanceof ForwardConvBackprop f) f.inputGradient = false;
        }

        /** The helper this layer runs with (for tests). */
        Object helper() { return helper; }

        @Override
        protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr mgr) {
            if (forBackprop && oneDnnHelper()) {
                INDArray z = kept.take(input, layerConf().getActivationFn(), mgr);
                if (z != null) return new Pair<>(z, null);
            }
            kept.drop();
            Pair<INDArray, INDArray> out = super.preOutput(training, forBackprop, mgr);
            if (training && !forBackprop && oneDnnHelper()) kept.keep(out.getFirst(), input, layerConf().getActivationFn());
            return out;
        }
    }
}
