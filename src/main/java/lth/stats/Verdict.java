package lth.stats;

/** Outcome of one comparison of a claim, decided by tests (Holm across the claim's levels), never by power. */
public enum Verdict {
    /** The paper's statement is supported: the one-sided test against the margin (or TOST) is significant. */
    REPRODUCED,
    /** The data reject the claim: an effect as large as min_effect is excluded (or, for equivalence, the
     * confidence bounds lie beyond the equivalence bound). */
    NOT_REPRODUCED,
    /** Neither: or no spread across seeds, fewer than 2 seeds, early stop not reached at this scale. */
    INCONCLUSIVE
}
