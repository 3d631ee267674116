package lth.kernel;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * What every DL4J layer configuration's {@code instantiate} does after creating the layer object:
 * listeners, index, the parameter view and table, the configuration. For the harness's layer
 * subclasses ({@link CachingConvolution}, {@link CachingDense}, {@link FastBatchNorm}), which create
 * another implementation class but must wire it exactly as DL4J would.
 */
final class LayerWiring {
    private LayerWiring() { }

    static <L extends Layer> L wire(L layer, NeuralNetConfiguration conf, ParamInitializer initializer,
                                    Collection<TrainingListener> listeners, int layerIndex,
                                    INDArray layerParamsView, boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer.init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
