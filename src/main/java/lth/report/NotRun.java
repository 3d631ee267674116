package lth.report;

/**
 * Why a claim case did not run, in a word for the summary's "not run because" column, from the skip
 * reason the claim engine or the claim tests gave it (their wording is fixed; see the tests).
 */
public final class NotRun {
    private NotRun() { }

    public static final String NIGHTLY_ONLY = "nightly-only";
    public static final String GPU_MISSING = "GPU missing";
    public static final String DATA_MISSING = "data missing";
    public static final String NO_SCALE = "no scale for this profile";
    public static final String MODEL_MISSING = "model not built yet";
    public static final String OTHER = "skipped";

    /** What a skip reason holds when the claim's file defers it to the nightly profile ({@code nightly_only}). */
    public static final String DEFERRED = " runs in the nightly profile only: ";

    /** The kind of a skip reason; {@value #OTHER} for one this does not recognise. */
    public static String kind(String reason) {
        if (reason == null) return OTHER;
        if (reason.contains(DEFERRED)) return NIGHTLY_ONLY;
        if (reason.contains(" needs a GPU backend")) return GPU_MISSING;
        if (reason.contains(" is not available: looked for ") || reason.contains(" needs the dataset '")) return DATA_MISSING;
        if (reason.matches("(?s).* has no [a-z]+ scale: .*")) return NO_SCALE;
        if (reason.contains(" is not built by this harness")) return MODEL_MISSING;
        return OTHER;
    }
}
