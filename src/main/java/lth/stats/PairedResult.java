package lth.stats;

/**
 * Analysis of one {@link Pair}. All differences are oriented: positive supports the claim
 * (a-b for GREATER, b-a for LESS; per-seed (a-b)/b, oriented likewise, when relative).
 * Statistics that are undefined (n &lt; 2) are NaN.
 *
 * @param ciLow      lower end of the (1-2 alpha) two-sided t interval of the oriented mean difference
 *                   (= the one-sided alpha bound; the interval TOST uses)
 * @param pTTest     one-sided paired t p (SUPERIORITY) or TOST p (EQUIVALENCE)
 * @param pWilcoxon  one-sided exact signed-rank p (SUPERIORITY) or signed-rank TOST p (EQUIVALENCE, informative)
 * @param pAdjusted  Holm-adjusted pPrimary across the family
 * @param power      SUPERIORITY: power of the primary one-sided test at true difference minEffect with the
 *                   observed sd; EQUIVALENCE: TOST power at true difference 0. Both at the Bonferroni level
 *                   alpha/m, the strictest step of Holm, so that a negative is never called on optimistic power.
 */
public record PairedResult(String label, int n, double meanA, double meanB,
                           double meanDiff, double sdDiff, double ciLow, double ciHigh,
                           double cohenDz, double pTTest, double pWilcoxon, double pPrimary, double pAdjusted,
                           double power, Verdict verdict, String explanation) {}
