package lth.experiment;

import java.util.Map;

/**
 * What later levels, controls and analyses need from a trained run: its mask and final weights by
 * tensor key (for pruning), and all final parameters, biases included, flattened in the network's
 * own order (for rewinding to θ_k and interpolating between two trained copies). {@code slices} says
 * where each weight tensor lies in {@code params} (empty when not known, e.g. read from an "LTH2" file),
 * so that the store keeps the weights once, inside the parameters ({@link StateFile}).
 */
public record TrunkState(Map<String, float[]> keep, Map<String, float[]> weights, float[] params, Map<String, TensorSlice> slices) {
    public TrunkState {
        slices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(slices));
    }

    /** A state without slices: the store keeps its weights as well as its parameters. */
    public TrunkState(Map<String, float[]> keep, Map<String, float[]> weights, float[] params) {
        this(keep, weights, params, Map.of());
    }
}
