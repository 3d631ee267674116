package lth.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Simulated operating characteristics of {@link PairedAnalysis}: false-positive rate, empirical power, TOST pass
 * rate, and an analytic power table. Seeds are modelled as accuracy-like paired samples: a shared per-seed effect
 * (sd {@link #SEED_SD}) plus independent arm noise (sd {@link #ARM_SD}), i.e. correlation 0.5 between the arms,
 * so the per-seed difference has sd {@link #SD_DIFF} (in relative mode: the per-seed log ratio). Effects are given
 * in units of that sd (dz). {@link #rates} gives all three verdicts' rates, {@link #plannedSeeds} the seed count
 * planned for the hypothesis' power target at this sd.
 */
public final class Calibration {
    static final double BASE = 0.95;
    static final double SEED_SD = 0.005;
    static final double ARM_SD = 0.005;
    /** sd of the per-seed difference a - b (and of the relative difference in relative mode). */
    public static final double SD_DIFF = ARM_SD * Math.sqrt(2);

    private Calibration() {}

    /**
     * Rate of REPRODUCED verdicts over {@code claims} one-comparison claims when the null holds at its least
     * favourable point: true oriented difference = margin (SUPERIORITY), or = ±equivalenceBound (EQUIVALENCE,
     * where REPRODUCED means "declared equivalent"). Must be &lt;= alpha.
     */
    public static double falsePositiveRate(int n, int claims, long seed, Hypothesis h) {
        return familyFalsePositiveRate(n, claims, 1, seed, h);
    }

    /** As {@link #falsePositiveRate}, with families of {@code familySize} comparisons: the fraction of claims with
     * at least one REPRODUCED comparison (family-wise error rate, what Holm controls). */
    public static double familyFalsePositiveRate(int n, int claims, int familySize, long seed, Hypothesis h) {
        SplittableRandom rng = new SplittableRandom(seed);
        int hits = 0;
        for (int c = 0; c < claims; c++) {
            double nullDiff = h.kind() == Kind.SUPERIORITY ? h.margin()
                    : (c % 2 == 0 ? 1 : -1) * h.equivalenceBound();
            if (anyReproduced(simulate(n, familySize, nullDiff, rng, h))) hits++;
        }
        return hits / (double) claims;
    }

    /** Rate of REPRODUCED verdicts for one-comparison claims whose true oriented difference is
     * margin + dz * SD_DIFF: the empirical power of a SUPERIORITY hypothesis. */
    public static double reproducedRate(int n, double dz, int claims, long seed, Hypothesis h) {
        return verdictRate(n, h.margin() + dz * SD_DIFF, claims, seed, h, Verdict.REPRODUCED);
    }

    /** Rate of REPRODUCED (equivalent) verdicts of an EQUIVALENCE hypothesis when the true difference is
     * trueDz * SD_DIFF (compare the bound with SD_DIFF too). */
    public static double tostPassRate(int n, double trueDz, int claims, long seed, Hypothesis h) {
        return verdictRate(n, trueDz * SD_DIFF, claims, seed, h, Verdict.REPRODUCED);
    }

    /** Rate of a given verdict for one-comparison claims with the given true oriented difference. */
    public static double verdictRate(int n, double trueDiff, int claims, long seed, Hypothesis h, Verdict verdict) {
        SplittableRandom rng = new SplittableRandom(seed);
        int hits = 0;
        for (int c = 0; c < claims; c++) if (simulate(n, 1, trueDiff, rng, h).get(0).verdict() == verdict) hits++;
        return hits / (double) claims;
    }

    /** Rates of the three verdicts over one-comparison claims. */
    public record Rates(double reproduced, double notReproduced, double inconclusive) {
        @Override public String toString() {
            return String.format(Locale.ROOT, "REPRODUCED %.3f, NOT REPRODUCED %.3f, INCONCLUSIVE %.3f",
                    reproduced, notReproduced, inconclusive);
        }
    }

    /** Rates of REPRODUCED / NOT_REPRODUCED / INCONCLUSIVE for one-comparison claims with the given true oriented
     * difference (a fraction when relative). */
    public static Rates rates(int n, double trueDiff, int claims, long seed, Hypothesis h) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] count = new int[Verdict.values().length];
        for (int c = 0; c < claims; c++) count[simulate(n, 1, trueDiff, rng, h).get(0).verdict().ordinal()]++;
        return new Rates(count[Verdict.REPRODUCED.ordinal()] / (double) claims,
                count[Verdict.NOT_REPRODUCED.ordinal()] / (double) claims, count[Verdict.INCONCLUSIVE.ordinal()] / (double) claims);
    }

    /**
     * Seeds planned for h's power target at the simulated sd {@link #SD_DIFF} ({@link Power#seedsFor}: one-sided
     * paired t at min_effect beyond the margin; {@link Power#seedsForEquivalence} for TOST at true difference 0).
     */
    public static int plannedSeeds(Hypothesis h) {
        return h.kind() == Kind.SUPERIORITY
                ? Power.seedsFor(SD_DIFF, h.toScale(h.minEffect()) - h.toScale(h.margin()), h.alpha(), h.powerTarget())
                : Power.seedsForEquivalence(SD_DIFF, Math.abs(h.toScale(h.equivalenceBound())), h.alpha(), h.powerTarget());
    }

    /** One simulated claim: familySize comparisons over the same n seeds, true oriented difference trueDiff. */
    static List<PairedResult> simulate(int n, int familySize, double trueDiff, SplittableRandom rng, Hypothesis h) {
        double sign = h.direction().sign();
        double[] seedEffect = new double[n];
        for (int i = 0; i < n; i++) seedEffect[i] = SEED_SD * rng.nextGaussian();
        List<Pair> pairs = new ArrayList<>(familySize);
        for (int k = 0; k < familySize; k++) {
            double[] a = new double[n], b = new double[n];
            for (int i = 0; i < n; i++) {
                b[i] = BASE + seedEffect[i] + ARM_SD * rng.nextGaussian();
                double a0 = BASE + seedEffect[i] + ARM_SD * rng.nextGaussian();
                if (h.relative()) {
                    // a = b exp(sign (L + e)), e independent of b: the oriented log ratio is exactly L + e, where
                    // L = toScale(trueDiff) is the true relative difference on the log scale the test uses.
                    a[i] = b[i] * Math.exp(sign * (h.toScale(trueDiff) + SD_DIFF * rng.nextGaussian()));
                } else {
                    a[i] = a0 + sign * trueDiff;
                }
            }
            pairs.add(new Pair("L" + k, a, b));
        }
        return PairedAnalysis.family(pairs, h);
    }

    private static boolean anyReproduced(List<PairedResult> results) {
        for (PairedResult r : results) if (r.verdict() == Verdict.REPRODUCED) return true;
        return false;
    }

    /** Markdown table of the analytic power of the one-sided paired t: rows = seed counts, columns = dz. */
    public static String powerTable(int[] ns, double[] dz, double alpha) {
        return powerTable(ns, dz, alpha, PrimaryTest.PAIRED_T);
    }

    /** As {@link #powerTable(int[], double[], double)} for the chosen primary test (signed-rank: simulated). */
    public static String powerTable(int[] ns, double[] dz, double alpha, PrimaryTest test) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Power, one-sided %s, alpha %.3g%n%n| n \\ dz |",
                test == PrimaryTest.WILCOXON ? "signed-rank" : "paired t", alpha));
        for (double d : dz) sb.append(String.format(Locale.ROOT, " %.2g |", d));
        sb.append(System.lineSeparator()).append("|---|");
        for (int i = 0; i < dz.length; i++) sb.append("---|");
        sb.append(System.lineSeparator());
        for (int n : ns) {
            sb.append("| ").append(n).append(" |");
            for (double d : dz) sb.append(String.format(Locale.ROOT, " %.2f |", Power.oneSided(test, n, d, alpha)));
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }
}
