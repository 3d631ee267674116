package lth.stats;

/**
 * Analysis of one {@link Pair}. All differences are oriented: positive supports the claim
 * (a-b for GREATER, b-a for LESS; when relative, the test runs on the oriented log ratio sign*ln(a/b) and
 * meanDiff, ciLow and ciHigh are converted back to oriented relative differences, sign*(exp(sign*x)-1), while
 * sdDiff and cohenDz stay on the log-ratio scale). Statistics that are undefined (n &lt; 2) are NaN.
 *
 * @param ciLow      lower end of the (1-2 alpha) two-sided t interval of the oriented mean difference
 *                   (= the one-sided alpha bound; the interval TOST uses)
 * @param pTTest     one-sided paired t p (SUPERIORITY) or TOST p (EQUIVALENCE)
 * @param pWilcoxon  one-sided exact signed-rank p (SUPERIORITY) or signed-rank TOST p (EQUIVALENCE, informative)
 * @param pAdjusted  Holm-adjusted pPrimary across the family
 * @param power      SUPERIORITY: power of the primary one-sided test at true difference minEffect; EQUIVALENCE: TOST
 *                   power at true difference 0; from the planned sd when the hypothesis states one, else the
 *                   observed sd (NaN when that is 0); at alpha/m. Displayed only: verdicts are decided by tests
 * @param pRefute    paired-t p of the refutation: H0' diff &gt;= minEffect (SUPERIORITY) or |diff| &lt;= bound
 *                   (EQUIVALENCE); NaN when n &lt; 2
 * @param pRefuteAdjusted Holm-adjusted pRefute across the family: NOT_REPRODUCED needs it &lt; alpha
 */
public record PairedResult(String label, int n, double meanA, double meanB,
                           double meanDiff, double sdDiff, double ciLow, double ciHigh,
                           double cohenDz, double pTTest, double pWilcoxon, double pPrimary, double pAdjusted,
                           double power, Verdict verdict, String explanation, double pRefute, double pRefuteAdjusted) {

    /** Without the refutation p-values (made-up results in tests). */
    public PairedResult(String label, int n, double meanA, double meanB, double meanDiff, double sdDiff, double ciLow,
                        double ciHigh, double cohenDz, double pTTest, double pWilcoxon, double pPrimary,
                        double pAdjusted, double power, Verdict verdict, String explanation) {
        this(label, n, meanA, meanB, meanDiff, sdDiff, ciLow, ciHigh, cohenDz, pTTest, pWilcoxon, pPrimary, pAdjusted,
                power, verdict, explanation, Double.NaN, Double.NaN);
    }
}
