package lth.claim;

import java.util.Locale;

/**
 * What a comparison measures: a metric of each run ({@link lth.train.RunMetrics#metric}), or the
 * linear-mode-connectivity instability between an arm's run and its twin (percentage points of test error).
 */
public enum Metric {
    ES_ITERATION, TEST_ACCURACY_AT_ES, TEST_ACCURACY_FINAL, MIN_VALIDATION_LOSS, INSTABILITY;

    /** The claim file's spelling, also the name {@link lth.train.RunMetrics#metric} reads. */
    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** A metric each run has on its own (not one of a pair of runs). */
    public boolean ofRun() { return this != INSTABILITY; }

    @Override
    public String toString() { return label(); }
}
