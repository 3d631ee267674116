package lth.experiment;

import lth.train.RunMetrics;

/** A run's measurement for a claim: what was run, what it measured, and whether it came from the store. */
public record Outcome(RunSpec spec, String hash, RunMetrics metrics, boolean cached) { }
