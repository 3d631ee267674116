package lth.experiment;

import lth.train.RunMetrics;

import java.util.Map;

/** A finished run as the store keeps it; {@code state} is null for runs nothing branches from. */
public record StoredRun(String canonical, RunMetrics metrics, Map<String, Long> keptPerLayer, TrunkState state) { }
