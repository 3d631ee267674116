package lth.experiment;

import java.util.Map;

/** What later levels and controls need from a trained trunk run: its mask and its final weights, by tensor key. */
public record TrunkState(Map<String, float[]> keep, Map<String, float[]> weights) { }
