package lth.kernel;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's batch-normalization layer (configuration, parameters, running averages: all DL4J's) whose
 * per-step arithmetic on the CPU is {@link BatchNormKernels}: the harness's own forward and backward
 * loops instead of DL4J's helper, which spent a third of a VGG-19 step in libnd4j's variance
 * reduction (a strided Welford with third and fourth moments), the batchnorm_bp op's broadcast
 * corrections and per-op overhead. The loops compute the same function in another order of float
 * operations: not bit-identical to DL4J's helper (agreement to float rounding is tested in
 * {@code BatchNormKernelsTest}), deterministic, so run keys of networks with batch norm name it
 * ({@link lth.model.ModelSpec#batchNormKey()}). On a GPU the layer is DL4J's, with its cuDNN helper.
 */
public final class FastBatchNorm extends BatchNormalization {
    /** DL4J's defaults (its builder's: decay 0.9, eps 1e-5, running variance as log10 std). */
    public FastBatchNorm() {
        super();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        // as BatchNormalization.instantiate, with the harness's kernels as the layer's helper
        LayerValidation.assertNOutSet("BatchNormalization", getLayerName(), layerIndex, getNOut());
        var ret = new org.deeplearning4j.nn.layers.normalization.BatchNormalization(conf, networkDataType);
        if (networkDataType == DataType.FLOAT && Buffers.cpu() && !isLockGammaBeta()) install(ret, new BatchNormKernels());
        return LayerWiring.wire(ret, conf, initializer(), listeners, layerIndex, layerParamsView, initializeParams);
    }

    /** DL4J's layer keeps its helper in a package-private field and offers no setter. */
    private static final java.lang.reflect.Field HELPER;

    static {
        try {
            HELPER = org.deeplearning4j.nn.layers.normalization.BatchNormalization.class.getDeclaredField("helper");
            HELPER.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DL4J's BatchNormalization has no 'helper' field to set (DL4J version?)", e);
        }
    }

    static void install(org.deeplearning4j.nn.layers.normalization.BatchNormalization layer, BatchNormalizationHelper helper) {
        try {
            HELPER.set(layer, helper);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The helper a layer runs with (for tests). */
    static BatchNormalizationHelper helperOf(org.deeplearning4j.nn.layers.normalization.BatchNormalization layer) {
        try {
            return (BatchNormalizationHelper) HELPER.get(layer);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public FastBatchNorm clone() {
        return (FastBatchNorm) super.clone();
    }
}
