package lth.claim;

/**
 * One JUnit case of a claim: one comparison at one pruning level (in the paper's rounds) under the
 * active profile. {@code pm} is the percent of weights the level leaves, computed from the masks'
 * arithmetic before anything is trained.
 */
public record ClaimCase(ClaimSpec claim, String profile, int comparison, int level, double pm) {

    public ClaimSpec.Comparison spec() { return claim.comparisons().get(comparison); }

    @Override
    public String toString() {
        return "%s · %s · Pm %s (round %d)".formatted(claim.id(), spec().name(),
                Double.isNaN(pm) ? "?" : "%.1f%%".formatted(pm), level);
    }
}
