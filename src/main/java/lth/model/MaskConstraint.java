package lth.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

import java.util.Map;
import java.util.Set;

/**
 * Keeps pruned weights at exactly zero: DL4J runs constraints after every parameter update
 * (gradient, updater incl. momentum and weight decay, then constraints), so {@code W *= mask}
 * here undoes whatever the optimizer did to a pruned weight. Masking gradients instead would let
 * momentum and weight decay revive pruned weights.
 *
 * <p>Implements LayerConstraint directly: BaseConstraint applies twice per parameter in M2.1.
 * The builder clones constraints per layer; clones share the mask map, which stays out of the
 * JSON configuration.
 */
public final class MaskConstraint implements LayerConstraint {
    @JsonIgnore
    private transient Map<String, INDArray> masks;
    private Set<String> params = Set.of("W");

    public MaskConstraint() { }

    public MaskConstraint(Map<String, INDArray> masks) { this.masks = masks; }

    @Override
    public void applyConstraint(Layer layer, int iteration, int epoch) {
        if (masks == null) return;
        for (String p : params) {
            INDArray mask = masks.get(layer.getIndex() + "_" + p);
            if (mask != null) layer.getParam(p).muli(mask);
        }
    }

    @Override public void setParams(Set<String> params) { this.params = Set.copyOf(params); }

    @Override public Set<String> getParams() { return params; }

    @Override
    public LayerConstraint clone() {
        MaskConstraint c = new MaskConstraint(masks);
        c.params = params;
        return c;
    }
}
