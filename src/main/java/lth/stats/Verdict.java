package lth.stats;

/** Outcome of one comparison of a claim. */
public enum Verdict {
    /** The paper's statement is supported at the family-wise level alpha. */
    REPRODUCED,
    /** Not supported, and the seeds had enough power to see the claimed effect. */
    NOT_REPRODUCED,
    /** Not supported, but the seed count could not have seen the claimed effect: no negative is called. */
    INCONCLUSIVE
}
