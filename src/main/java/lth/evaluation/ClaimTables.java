package lth.evaluation;

import lth.claim.ClaimCase;
import lth.claim.ClaimSpec;
import lth.claim.ProfileClaim;
import lth.experiment.Outcome;
import lth.report.Csv;
import lth.stats.PairedResult;

import java.util.*;

/** The tables of a case page: the paper against our numbers, every level of the comparison, every run's per-seed measurements. */
final class ClaimTables {
    private ClaimTables() { }

    /** One row for the statement, one per paper effect of the comparison, one per absolute number the paper reports. */
    static List<List<String>> paperVsMeasured(ClaimCase c, ClaimResult r, PairedResult pr) {
        ProfileClaim claim = r.claim();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("statement", claim.claim().statement(), pr.explanation()));
        for (ClaimSpec.PaperEffect p : c.spec().paper()) {
            int nearest = claim.levels(c.comparison()).stream().min(Comparator.comparingDouble(
                    l -> Math.abs(Math.log(claim.pm(l) / p.pm())))).orElseThrow();
            PairedResult at = r.result(c.comparison(), nearest);
            rows.add(List.of("effect (" + c.spec().name() + "), paper at Pm " + p.pm() + "%", p.label() + " = " + fmt(p.value()),
                    "%s (CI %s..%s) at Pm %.1f%%".formatted(fmt(at.meanDiff()), fmt(at.ciLow()), fmt(at.ciHigh()), claim.pm(nearest))));
        }
        for (ClaimSpec.Reported p : claim.claim().reported()) {
            Outcome nearest = r.outcomes().stream().filter(o -> o.spec().arm() == (p.arm().dense() ? lth.experiment.Arm.TICKET : p.arm().arm()))
                    .filter(o -> !p.arm().dense() || o.spec().level() == 0)
                    .min(Comparator.comparingDouble(o -> Math.abs(Math.log(o.metrics().pmPercent() / p.pm())))).orElse(null);
            String measured = nearest == null ? "not measured" : "%.2f at Pm %.1f%% (%s scale)".formatted(
                    Arrays.stream(r.measured().values(p.arm(), nearest.spec().level(), p.metric())).average().orElse(Double.NaN),
                    nearest.metrics().pmPercent(), c.profile());
            rows.add(List.of(p.label() + " [" + p.metric() + ", Pm " + p.pm() + "%]", fmt(p.value()), measured));
        }
        return rows;
    }

    static List<String> levelHeader(ClaimSpec.Comparison cmp) {
        return List.of("round", "Pm %", cmp.a() + " (mean)", cmp.b() + " (mean)", "effect (CI)", "p", "p (Holm)", "power", "verdict");
    }

    /** Every level of the case's comparison: both arms' means, the effect, p, Holm-adjusted p, power, verdict. */
    static List<List<String>> levelRows(ClaimCase c, ClaimResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (int level : r.claim().levels(c.comparison())) {
            PairedResult p = r.result(c.comparison(), level);
            rows.add(List.of(String.valueOf(level), "%.1f".formatted(r.claim().pm(level)), fmt(p.meanA()), fmt(p.meanB()),
                    "%+.3g (%.3g..%.3g)".formatted(p.meanDiff(), p.ciLow(), p.ciHigh()), "%.3g".formatted(p.pPrimary()),
                    "%.3g".formatted(p.pAdjusted()), Double.isNaN(p.power()) ? "n/a" : "%.2f".formatted(p.power()), p.verdict().name()));
        }
        return rows;
    }

    /** Every run of the claim, one CSV row each, with its configuration hash. */
    static String perSeedCsv(ClaimResult r) {
        List<List<?>> rows = new ArrayList<>();
        for (Outcome o : r.outcomes())
            rows.add(List.of(r.claim().id(), r.profile(), r.setup().dataset(), o.spec().arm().label(), o.spec().level(),
                    "%.3f".formatted(o.metrics().pmPercent()), o.spec().seed(), o.metrics().esIteration(),
                    o.metrics().testAccuracyAtEs(), o.metrics().testAccuracyFinal(), o.metrics().metric("min_validation_loss"),
                    o.metrics().diverged(), o.cached(), o.hash()));
        return Csv.toString(List.of("claim", "profile", "dataset", "arm", "round", "pm_percent", "seed", "es_iteration",
                "test_accuracy_at_es", "test_accuracy_final", "min_validation_loss", "diverged", "from_store", "config_hash"), rows);
    }

    static String fmt(double v) {
        return Math.abs(v) >= 100 ? "%.0f".formatted(v) : Math.abs(v) < 1 ? "%.3f".formatted(v) : "%.2f".formatted(v);
    }
}
