package lth.kernel;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's subsampling (pooling) layer, configured and wired as DL4J does, whose 2×2/2 max pooling runs
 * as {@link MaxPoolKernels}' Java loops where oneDNN would run it (DL4J's oneDNN helper is on) (bit-identical to that
 * helper, tested; so run keys do not change with it). Without the oneDNN helper (DL4J's own engine,
 * {@code -Dlth.dl4jConv}; a GPU) nothing changes: the layer is DL4J's as built.
 */
public final class FastMaxPooling extends SubsamplingLayer {
    /** For DL4J's JSON (de)serialization of configurations. */
    public FastMaxPooling() {
        super();
    }

    public FastMaxPooling(SubsamplingLayer.Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        // as SubsamplingLayer.instantiate, with the harness's implementation
        Impl ret = new Impl(conf, networkDataType);
        LayerWiring.wire(ret, conf, initializer(), listeners, layerIndex, layerParamsView, initializeParams);
        if (ret.getHelper() instanceof SubsamplingHelper h && h.getClass().getSimpleName().startsWith("MKLDNN")
                && networkDataType == DataType.FLOAT && Buffers.cpu())
            install(ret, new MaxPoolKernels(h));
        return ret;
    }

    /**
     * DL4J's layer, whose forward pass (libnd4j's maxpool2d op, called by the layer itself in DL4J M2.1,
     * not through the helper) is {@link MaxPoolKernels#forward} where the kernels replace the oneDNN helper.
     */
    static final class Impl extends org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer {
        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
            var c = layerConf();
            if (helper instanceof MaxPoolKernels k && input != null) {
                if (input.dataType() == dataType && MaxPoolKernels.supported(input, c.getKernelSize(), c.getStride(), c.getPadding(),
                        c.getPoolingType(), convolutionMode, c.getDilation(), c.getCnn2dDataFormat())) {
                    assertInputSet(false);
                    return k.pool(input, convolutionMode, mgr);
                }
                if (k.blockedIn) throw new BlockedLayout.Misread("pooling " + input.shapeInfoToString());
            }
            return super.activate(training, mgr);
        }
    }

    /** DL4J's layer keeps its helper in a protected field and offers no setter. */
    private static final java.lang.reflect.Field HELPER;

    static {
        try {
            HELPER = org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer.class.getDeclaredField("helper");
            HELPER.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DL4J's SubsamplingLayer has no 'helper' field to set (DL4J version?)", e);
        }
    }

    static void install(org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer layer, SubsamplingHelper helper) {
        try {
            HELPER.set(layer, helper);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public FastMaxPooling clone() {
        return (FastMaxPooling) super.clone();
    }
}
