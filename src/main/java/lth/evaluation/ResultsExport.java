package lth.evaluation;

import lth.claim.ClaimSpec;
import lth.claim.DryRun;
import lth.claim.ProfileClaim;
import lth.claim.SeedSelection;
import lth.experiment.Outcome;
import lth.report.Csv;
import lth.stats.PairedResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what a claim measured as plain files, so anyone can recompute the statistics without Allure:
 * {@code <dir>/<profile>/<claim>.csv} (one row per run: arm, setup, level, seed and every metric) and
 * {@code <claim>.verdicts.csv} (one row per case). A pilot writes {@code <claim>.pilot.csv}. The
 * directory is {@code -Dlth.results}, default {@code target/lth-results}; {@code reports/<profile>/}
 * holds the committed copies. A seed group that is not all the confirmatory seeds (a piece of a long
 * tier) writes {@code <claim>.seeds-1-3.csv}: its verdict is not the claim's. A {@link DryRun} writes
 * {@code DRY-RUN.<claim>.csv}, profile {@code nightly DRY RUN}.
 */
public final class ResultsExport {
    private ResultsExport() { }

    public static Path directory(String profile) {
        return Path.of(System.getProperty("lth.results", "target/lth-results")).resolve(profile);
    }

    static void write(ClaimResult r) {
        if (r.skipReason() != null) return;
        ClaimSpec.ProfileSpec p = r.claim().scale();
        boolean group = SeedSelection.piece(r.seeds(), p);      // a piece: not the confirmatory verdict
        String base = (DryRun.on() ? "DRY-RUN." : "") + r.claim().id() + (SeedSelection.pilot() ? ".pilot"
                : group ? ".seeds-" + r.seeds().get(0) + "-" + r.seeds().get(r.seeds().size() - 1) : "");
        Path dir = directory(r.profile());
        try {
            Csv.write(dir.resolve(base + ".csv"), PER_SEED, perSeed(r));
            Csv.write(dir.resolve(base + ".verdicts.csv"), VERDICTS, verdicts(r));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results of " + r.claim().id() + " to " + dir.toAbsolutePath(), e);
        }
    }

    static final List<String> PER_SEED = lth.report.TierResults.RUN_COLUMNS;

    /**
     * The measured runs, then the IMP trunk levels (dense net and rounds, not rewound) of every setup that they
     * started from and no comparison reads: so each setup's dense accuracy is in the file, not only the base setup's
     * (LTH-14's warmup arm compares round 10 only, yet trained its own dense net and round 5).
     */
    static List<Outcome> exported(ClaimResult r) {
        var keys = new java.util.HashSet<String>();
        List<Outcome> runs = new ArrayList<>();
        for (Outcome o : r.outcomes()) if (keys.add(o.hash())) runs.add(o);
        r.runs().stream().filter(o -> o.spec().arm() == lth.experiment.Arm.TICKET && o.spec().rewind() == 0 && keys.add(o.hash()))
                .sorted(java.util.Comparator.comparingLong((Outcome o) -> o.spec().seed()).thenComparingInt(o -> o.spec().level()))
                .forEach(runs::add);
        return runs;
    }

    static List<List<?>> perSeed(ClaimResult r) {
        List<List<?>> rows = new ArrayList<>();
        for (Outcome o : exported(r)) {
            var s = o.spec().setup();
            var m = o.metrics();
            rows.add(List.of(r.claim().id(), DryRun.label(r.profile()), s.dataset(), s.model().name(), s.model().width(),
                    o.spec().level() == 0 && o.spec().rewind() == 0 && o.spec().arm() != lth.experiment.Arm.TWIN ? "dense" : o.spec().arm().label(), o.spec().rewind(),
                    o.spec().level() == 0 ? "" : s.scope(), s.optimizer().canonical(), s.train().iterations(),
                    o.spec().level(), "%.3f".formatted(m.pmPercent()), o.spec().seed(), m.esIteration(),
                    m.evalIterations()[m.evalIterations().length - 1], m.testAccuracyAtEs(), m.testAccuracyFinal(),
                    m.metric("min_validation_loss"), m.diverged(), "%.1f".formatted(m.seconds()), o.hash()));
        }
        return rows;
    }

    static final List<String> VERDICTS = lth.report.TierResults.VERDICT_COLUMNS;

    /**
     * The seeds a comparison needs for the claim's target power both ways if the spread of its per-seed
     * effects is {@code sd} (e.g. a pilot's), by {@link lth.stats.Power#seedsFor} (superiority) or
     * {@link lth.stats.Power#seedsForEquivalence} (TOST at a true difference of 0), at alpha/m, the
     * strictest Holm step over m levels. A one-sample comparison against a threshold (LMC-1's instability below
     * 2pp) is the same t test on the per-seed distance to the threshold, so it is planned the same way.
     * Empty when sd is undefined; "&gt;1000" when more seeds than that are needed; "unreachable" when the
     * target power is at or above 1 - alpha/m (see {@link lth.stats.Power#seedsFor}).
     */
    static String seedsForPower(ClaimSpec claim, ClaimSpec.Comparison c, double sd, int levels) {
        if (!(sd > 0) || !Double.isFinite(sd)) return "";
        double alpha = claim.statistics().alpha() / levels, target = claim.statistics().power();
        double effect = c.relative() ? Math.log1p(c.minEffect()) : c.minEffect();   // relative effects are tested on ln(a/b)
        try {
            return String.valueOf(c.kind() == lth.stats.Kind.EQUIVALENCE
                    ? lth.stats.Power.seedsForEquivalence(sd, c.relative() ? Math.log1p(c.equivalenceBound()) : c.equivalenceBound(), alpha, target)
                    : lth.stats.Power.seedsFor(sd, effect, alpha, target));
        } catch (IllegalArgumentException e) {
            if (c.kind() != lth.stats.Kind.EQUIVALENCE && target >= 1 - alpha) return "unreachable";
            return ">" + lth.stats.Power.MAX_SEEDS;
        }
    }

    /** What the verdict tests: superiority over the margin, non-inferiority (a margin below 0), equivalence within ±bound. */
    static String test(ClaimSpec.Comparison c) {
        if (c.kind() == lth.stats.Kind.EQUIVALENCE) return "equivalence";
        return c.margin() < 0 ? "non-inferiority" : "superiority";
    }

    static List<List<?>> verdicts(ClaimResult r) {
        ProfileClaim claim = r.claim();
        List<List<?>> rows = new ArrayList<>();
        for (int ci = 0; ci < claim.comparisons().size(); ci++) {
            ClaimSpec.Comparison c = claim.comparison(ci);
            for (int level : claim.levels(ci)) {
                PairedResult p = r.result(ci, level);
                if (p == null) continue;
                rows.add(List.of(claim.id(), DryRun.label(r.profile()), SeedSelection.pilot(), c.name(), c.a().label(), c.b().label(),
                        c.metric().label(), level, "%.2f".formatted(claim.pm(level)), r.seeds(ci).toString(), p.n(), p.meanA(),
                        p.meanB(), p.meanDiff(), p.sdDiff(), p.ciLow(), p.ciHigh(), p.pPrimary(), p.pAdjusted(), p.power(),
                        seedsForPower(claim.claim(), c, p.sdDiff(), claim.levels(ci).size()), p.verdict().name(),
                        p.explanation(), test(c), c.relative(), c.kind() == lth.stats.Kind.EQUIVALENCE ? c.equivalenceBound() : c.margin(),
                        c.kind() == lth.stats.Kind.EQUIVALENCE ? c.equivalenceBound() : c.minEffect()));
            }
        }
        return rows;
    }
}
