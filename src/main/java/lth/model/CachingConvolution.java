package lth.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * DL4J's convolution layer, computing exactly what it computes, without computing the forward
 * convolution twice per training step.
 *
 * <p>DL4J 1.0.0-M2.1's {@code ConvolutionLayer.backpropGradient} recomputes the layer's
 * pre-activation (a whole forward convolution) to backpropagate through the activation function: 14–18%
 * of a Conv-2 or VGG-19 training step with the oneDNN engine. This layer keeps a copy of the
 * pre-activation from the training forward pass and hands it to the backward pass of the same step
 * instead (once; any other forward pass, or another input, discards it); with an identity activation
 * (whose backprop never reads it) nothing needs to be kept at all. Used only when DL4J's oneDNN
 * convolution helper runs the layer: DL4J's own path also needs its im2col buffer from the
 * recomputation, and the cuDNN helper (GPU) is untested, so there nothing changes. The result is bit-identical (tested), so run keys do not
 * change with it.
 */
public final class CachingConvolution extends ConvolutionLayer {
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
        Impl ret = new Impl(conf, networkDataType);
        ret.setListeners(listeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(paramTable);
        ret.setConf(conf);
        return ret;
    }

    /** Off: always recompute, as DL4J does (for the bit-identity test). */
    static volatile boolean reuse = true;
    /** How many backward passes reused a kept pre-activation (diagnostics, tests). */
    static final java.util.concurrent.atomic.AtomicLong REUSED = new java.util.concurrent.atomic.AtomicLong();

    /** The layer implementation: DL4J's, with the pre-activation kept from forward to backward. */
    static final class Impl extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
        private INDArray kept;          // a copy (outside workspaces) of the last training pre-activation
        private INDArray keptFor;       // the input it was computed from
        private boolean fresh;          // kept belongs to the current step and was not used yet
        private DataType keptType;
        private long[] keptShape;
        private char keptOrder;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        /** DL4J's oneDNN helper runs this layer (the cuDNN one, on a GPU, is left as DL4J has it: untested). */
        private boolean oneDnnHelper() {
            return helper != null && helper.getClass().getSimpleName().startsWith("MKLDNN");
        }

        /** An identity activation (VGG/ResNet convs, batch norm follows): its backprop ignores z. */
        private boolean identity() {
            return layerConf().getActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationIdentity;
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr mgr) {
            if (forBackprop && fresh && keptFor == input && oneDnnHelper()) {
                fresh = false;
                REUSED.incrementAndGet();
                INDArray z = mgr.createUninitialized(ArrayType.ACTIVATIONS, keptType, keptShape, keptOrder);
                if (!identity()) z.assign(kept);               // identity's backprop never reads z
                return new Pair<>(z, null);
            }
            fresh = false;
            Pair<INDArray, INDArray> out = super.preOutput(training, forBackprop, mgr);
            if (training && !forBackprop && oneDnnHelper() && reuse) {
                INDArray z = out.getFirst();
                keptType = z.dataType();
                keptShape = z.shape();
                keptOrder = z.ordering();
                if (!identity()) {
                    if (kept == null || kept.dataType() != z.dataType() || kept.ordering() != z.ordering()
                            || !Arrays.equals(kept.shape(), z.shape())) {
                        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                            kept = Nd4j.createUninitialized(z.dataType(), z.shape(), z.ordering());
                        }
                    }
                    kept.assign(z);
                }
                keptFor = input;
                fresh = true;
            }
            return out;
        }
    }
}
