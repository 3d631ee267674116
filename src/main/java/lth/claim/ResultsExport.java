package lth.claim;

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
 * holds the committed copies.
 */
public final class ResultsExport {
    private ResultsExport() { }

    public static Path directory(String profile) {
        return Path.of(System.getProperty("lth.results", "target/lth-results")).resolve(profile);
    }

    static void write(ClaimResult r) {
        if (r.skipReason() != null) return;
        String base = r.claim().id() + (SeedSelection.pilot() ? ".pilot" : "");
        Path dir = directory(r.profile());
        try {
            Csv.write(dir.resolve(base + ".csv"), PER_SEED, perSeed(r));
            Csv.write(dir.resolve(base + ".verdicts.csv"), VERDICTS, verdicts(r));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results of " + r.claim().id() + " to " + dir.toAbsolutePath(), e);
        }
    }

    static final List<String> PER_SEED = lth.report.TierResults.RUN_COLUMNS;

    static List<List<?>> perSeed(ClaimResult r) {
        List<List<?>> rows = new ArrayList<>();
        for (Outcome o : r.outcomes()) {
            var s = o.spec().setup();
            var m = o.metrics();
            rows.add(List.of(r.claim().id(), r.profile(), s.dataset(), s.model().name(), s.model().width(),
                    o.spec().level() == 0 && o.spec().rewind() == 0 ? "dense" : o.spec().arm().label(), o.spec().rewind(),
                    o.spec().level() == 0 ? "" : s.scope(), s.optimizer().canonical(), s.train().iterations(),
                    o.spec().level(), "%.3f".formatted(m.pmPercent()), o.spec().seed(), m.esIteration(),
                    m.evalIterations()[m.evalIterations().length - 1], m.testAccuracyAtEs(), m.testAccuracyFinal(),
                    m.metric("min_validation_loss"), m.diverged(), "%.1f".formatted(m.seconds()), o.hash()));
        }
        return rows;
    }

    static final List<String> VERDICTS = lth.report.TierResults.VERDICT_COLUMNS;

    /**
     * The seeds a comparison needs for the claim's target power if the spread of its per-seed effects is
     * {@code sd} (e.g. a pilot's): superiority at a true effect of {@code min_effect} beyond the margin,
     * equivalence (TOST) at a true difference of 0; at alpha/m, the strictest Holm step over m levels.
     * "&gt;60" when even 60 seeds would not do; empty when sd is undefined.
     */
    static String seedsForPower(ClaimSpec claim, ClaimSpec.Comparison c, double sd, int levels) {
        if (!(sd > 0) || c.b().equals(ClaimFiles.THRESHOLD)) return "";
        double alpha = claim.statistics().alpha() / levels, target = claim.statistics().power();
        boolean eq = c.kind().equals("equivalence");
        for (int n = 3; n <= 60; n++) {
            double power = eq ? lth.stats.Power.tost(n, c.equivalenceBound() / sd, alpha)
                    : lth.stats.Power.pairedT(n, c.minEffect() / sd, alpha);
            if (power >= target) return String.valueOf(n);
        }
        return ">60";
    }

    static List<List<?>> verdicts(ClaimResult r) {
        List<List<?>> rows = new ArrayList<>();
        for (int ci = 0; ci < r.claim().comparisons().size(); ci++) {
            ClaimSpec.Comparison c = r.claim().comparisons().get(ci);
            for (int level : c.levels().get(r.profile())) {
                PairedResult p = r.byCase().get(ClaimResult.key(ci, level));
                if (p == null) continue;
                rows.add(List.of(r.claim().id(), r.profile(), SeedSelection.pilot(), c.name(), c.a(), c.b(), c.metric(), level,
                        "%.2f".formatted(Setups.pmAt(r.setup(), level)), r.seeds().toString(), p.n(), p.meanA(), p.meanB(),
                        p.meanDiff(), p.sdDiff(), p.ciLow(), p.ciHigh(), p.pPrimary(), p.pAdjusted(), p.power(),
                        seedsForPower(r.claim(), c, p.sdDiff(), c.levels().get(r.profile()).size()), p.verdict().name(),
                        p.explanation()));
            }
        }
        return rows;
    }
}
