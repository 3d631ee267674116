package lth.stats;

/**
 * What a claim asserts and how strictly it is tested.
 *
 * @param kind             SUPERIORITY (one-sided, oriented diff &gt; margin) or EQUIVALENCE (TOST, |diff| &lt; bound)
 * @param direction        the claim says A &gt; B (GREATER) or A &lt; B (LESS)
 * @param relative         relative differences: tested per seed on the oriented log ratio sign*ln(a/b); margin,
 *                         minEffect and equivalenceBound stay fractions ((a-b)/b oriented, e.g. 0.2 = 20% earlier)
 *                         and are mapped to that scale by {@link #toScale}
 * @param margin           SUPERIORITY null boundary on the oriented difference (0 = plain superiority,
 *                         negative = non-inferiority); ignored for EQUIVALENCE, whose interval is centred on 0
 * @param minEffect        SUPERIORITY: the smallest true oriented difference the claim asserts (an absolute
 *                         difference, not an offset from the margin). A result whose one-sided upper bound lies
 *                         below it is NOT_REPRODUCED; power is planned at this true difference
 * @param equivalenceBound EQUIVALENCE: half-width of the equivalence interval
 * @param alpha            family-wise error rate (Holm), also sets the (1-2 alpha) CI
 * @param powerTarget      the power seeds are planned for ({@link Power#seedsFor}); displayed, never a verdict rule
 * @param primary          test that gates REPRODUCED for SUPERIORITY (EQUIVALENCE and the refuting upper bound
 *                         always use the paired t)
 * @param plannedSd        a stated sd of the per-seed differences (pilot or prior) that power is planned from;
 *                         NaN = none, power then uses the observed sd and says so
 * @param earlyStop        the metric is the early-stop iteration: when more than {@link #MAX_CAPPED} of an arm's
 *                         runs stopped at the last evaluation the comparison is INCONCLUSIVE
 */
public record Hypothesis(Kind kind, Direction direction, boolean relative, double margin, double minEffect,
                         double equivalenceBound, double alpha, double powerTarget, PrimaryTest primary,
                         double plannedSd, boolean earlyStop) {

    /** Largest fraction of an arm's runs that may early-stop at the last evaluation before an early-stop
     * comparison says "early stop not reached at this scale". */
    public static final double MAX_CAPPED = 0.10;

    /** How a verdict's explanation marks a relative effect (a fraction, tested on the per-seed log ratio); reports read it. */
    public static final String RELATIVE_UNIT = " relative (back from the mean log ratio a/b)";

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
        if (!Double.isNaN(plannedSd) && !(plannedSd > 0 && Double.isFinite(plannedSd)))
            throw new IllegalArgumentException("plannedSd must be > 0 (or NaN for none): " + plannedSd);
        if (relative) {
            double s = direction.sign();
            for (double r : new double[] {margin, minEffect, equivalenceBound})
                if (!(1 + s * r > 0)) throw new IllegalArgumentException("relative margin/minEffect/equivalenceBound "
                        + r + " is not a ratio a/b > 0 in direction " + direction);
        }
    }

    /** Without a planned sd, not an early-stop metric. */
    public Hypothesis(Kind kind, Direction direction, boolean relative, double margin, double minEffect,
                      double equivalenceBound, double alpha, double powerTarget, PrimaryTest primary) {
        this(kind, direction, relative, margin, minEffect, equivalenceBound, alpha, powerTarget, primary, Double.NaN, false);
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

    public Hypothesis withPlannedSd(double sd) {
        return new Hypothesis(kind, direction, relative, margin, minEffect, equivalenceBound, alpha, powerTarget,
                primary, sd, earlyStop);
    }

    public Hypothesis withEarlyStop(boolean es) {
        return new Hypothesis(kind, direction, relative, margin, minEffect, equivalenceBound, alpha, powerTarget,
                primary, plannedSd, es);
    }

    /** An oriented difference on the scale the test runs on: itself, or sign*ln(1 + sign*r) when relative
     * (the oriented log ratio of a/b = 1 + sign*r). Monotone increasing, 0 stays 0. */
    public double toScale(double r) {
        double s = direction.sign();
        return relative ? s * Math.log1p(s * r) : r;
    }

    /** Inverse of {@link #toScale}: a mean log ratio back to an oriented relative difference (exp(mean)-1). */
    public double fromScale(double x) {
        double s = direction.sign();
        return relative ? s * Math.expm1(s * x) : x;
    }
}
