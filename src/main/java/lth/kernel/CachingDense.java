package lth.kernel;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;

/**
 * DL4J's fully connected layer without its second forward product per training step: DL4J M2.1's
 * {@code BaseLayer.backpropGradient} recomputes x·W + b to backpropagate through the activation
 * (for Conv-2's first FC layer, 60×16384 by 16384×256: ~3.5% of a step). The pre-activation from the
 * training forward pass is kept for the same step's backward pass instead ({@link KeptPreActivation});
 * layer norm and masks, which this harness does not use, leave DL4J's path as it is. Bit-identical
 * (the same product of the same arrays; tested in {@code CachingLayersTest}), so run keys do not change.
 */
public final class CachingDense extends DenseLayer {
    /** For DL4J's JSON (de)serialization of configurations. */
    public CachingDense() {
        super();
    }

    /** The layer {@code builder} builds, as a caching layer (DL4J's builder constructor is private). */
    public CachingDense(DenseLayer.Builder builder) {
        super();
        DenseLayer built = builder.build();
        for (Class<?> c = DenseLayer.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;
                try {
                    f.setAccessible(true);
                    f.set(this, f.get(built));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot copy DenseLayer field " + f, e);
                }
            }
        }
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        // as DenseLayer.instantiate, with the caching implementation
        LayerValidation.assertNInNOutSet("DenseLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        Impl ret = new Impl(conf, networkDataType);
        return LayerWiring.wire(ret, conf, initializer(), listeners, layerIndex, layerParamsView, initializeParams);
    }

    /** The layer implementation: DL4J's, with the pre-activation kept from forward to backward. */
    static final class Impl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {
        private final KeptPreActivation kept = new KeptPreActivation();

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        private boolean plain() {
            return !hasLayerNorm() && maskArray == null;
        }

        @Override
        protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop, LayerWorkspaceMgr mgr) {
            if (forBackprop && plain()) {
                INDArray z = kept.take(input, layerConf().getActivationFn(), mgr);
                if (z != null) return new Pair<>(z, z);
            }
            kept.drop();
            Pair<INDArray, INDArray> out = super.preOutputWithPreNorm(training, forBackprop, mgr);
            if (training && !forBackprop && plain()) kept.keep(out.getFirst(), input, layerConf().getActivationFn());
            return out;
        }
    }
}
