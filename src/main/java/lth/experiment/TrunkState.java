package lth.experiment;

import java.util.Map;

/**
 * What later levels, controls and analyses need from a trained run: its mask and final weights by
 * tensor key (for pruning), and all final parameters, biases included, flattened in the network's
 * own order (for interpolating between two trained copies).
 */
public record TrunkState(Map<String, float[]> keep, Map<String, float[]> weights, float[] params) { }
