package lth.stats;

/**
 * What a claim asserts and how strictly it is tested.
 *
 * @param kind             SUPERIORITY (one-sided, oriented diff &gt; margin) or EQUIVALENCE (TOST, |diff| &lt; bound)
 * @param direction        the claim says A &gt; B (GREATER) or A &lt; B (LESS)
 * @param relative         test per-seed relative differences (a-b)/b instead of a-b
 * @param margin           SUPERIORITY null boundary on the oriented difference (0 = plain superiority,
 *                         negative = non-inferiority); ignored for EQUIVALENCE, whose interval is centred on 0
 * @param minEffect        SUPERIORITY: the smallest true oriented difference the claim asserts; power is computed
 *                         at this true difference (same units as the difference, relative if {@code relative})
 * @param equivalenceBound EQUIVALENCE: half-width of the equivalence interval
 * @param alpha            family-wise error rate (Holm), also sets the (1-2 alpha) CI
 * @param powerTarget      power needed before a failure to reproduce is called NOT_REPRODUCED
 * @param primary          test that gates SUPERIORITY verdicts (EQUIVALENCE always uses the paired-t TOST)
 */
public record Hypothesis(Kind kind, Direction direction, boolean relative, double margin, double minEffect,
                         double equivalenceBound, double alpha, double powerTarget, PrimaryTest primary) {

    public Hypothesis {
        if (kind == null) throw new IllegalArgumentException("kind must not be null");
        if (direction == null) throw new IllegalArgumentException("direction must not be null");
        if (primary == null) throw new IllegalArgumentException("primary must not be null");
        // Negated comparisons so that NaN is rejected too.
        if (!(alpha > 0 && alpha < 0.5)) throw new IllegalArgumentException("alpha must be in (0, 0.5): " + alpha);
        if (!(powerTarget > 0 && powerTarget < 1))
            throw new IllegalArgumentException("powerTarget must be in (0, 1): " + powerTarget);
        if (!Double.isFinite(margin)) throw new IllegalArgumentException("margin must be finite: " + margin);
        if (kind == Kind.SUPERIORITY && !(minEffect > 0 && Double.isFinite(minEffect)))
            throw new IllegalArgumentException("minEffect must be > 0 for SUPERIORITY: " + minEffect);
        if (kind == Kind.EQUIVALENCE && !(equivalenceBound > 0 && Double.isFinite(equivalenceBound)))
            throw new IllegalArgumentException("equivalenceBound must be > 0 for EQUIVALENCE: " + equivalenceBound);
    }

    /** Plain superiority (margin 0) with the usual alpha 0.05 and power target 0.8. */
    public static Hypothesis superiority(Direction direction, double minEffect, PrimaryTest primary) {
        return new Hypothesis(Kind.SUPERIORITY, direction, false, 0.0, minEffect, 0.0, 0.05, 0.8, primary);
    }

    /** Equivalence (TOST) within ±bound with alpha 0.05 and power target 0.8. */
    public static Hypothesis equivalence(double bound) {
        return new Hypothesis(Kind.EQUIVALENCE, Direction.GREATER, false, 0.0, 0.0, bound, 0.05, 0.8,
                PrimaryTest.PAIRED_T);
    }
}
