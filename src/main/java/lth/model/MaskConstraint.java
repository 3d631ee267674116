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
 *
 * <p>Mask keys are DL4J parameter keys. In a MultiLayerNetwork they are {@code index_param}
 * (the default, {@code layer} = null: the layer's index is used). In a ComputationGraph the layer
 * index is the vertex index, not the key prefix, so each layer gets its own constraint naming its
 * vertex ({@code layer} = vertex name, keys {@code name_param}).
 */
public final class MaskConstraint implements LayerConstraint {
    @JsonIgnore
    private transient Map<String, INDArray> masks;
    private Set<String> params = Set.of("W");
    private String layer;

    public MaskConstraint() { }

    public MaskConstraint(Map<String, INDArray> masks) { this.masks = masks; }

    /** A constraint for the layer whose parameter keys start with {@code layer + "_"} (graph vertices). */
    public MaskConstraint(Map<String, INDArray> masks, String layer) {
        this.masks = masks;
        this.layer = layer;
    }

    @Override
    public void applyConstraint(Layer l, int iteration, int epoch) {
        if (masks == null) return;
        String prefix = layer != null ? layer : String.valueOf(l.getIndex());
        for (String p : params) {
            INDArray mask = masks.get(prefix + "_" + p);
            if (mask != null) l.getParam(p).muli(mask);
        }
    }

    @Override public void setParams(Set<String> params) { this.params = Set.copyOf(params); }

    @Override public Set<String> getParams() { return params; }

    public String getLayer() { return layer; }

    public void setLayer(String layer) { this.layer = layer; }

    @Override
    public LayerConstraint clone() {
        MaskConstraint c = new MaskConstraint(masks, layer);
        c.params = params;
        return c;
    }
}
