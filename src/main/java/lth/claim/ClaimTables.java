package lth.claim;

import lth.experiment.Outcome;
import lth.report.Csv;
import lth.stats.PairedResult;

import java.util.*;

/** The tables of a case page: the paper against our numbers, and every run's per-seed measurements. */
final class ClaimTables {
    private ClaimTables() { }

    /** One row for the statement, one per paper effect of the comparison, one per absolute number the paper reports. */
    static List<List<String>> paperVsMeasured(ClaimCase c, ClaimResult r, PairedResult pr) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("statement", c.claim().statement(), pr.explanation()));
        for (ClaimSpec.PaperEffect p : c.spec().paper()) {
            int nearest = c.spec().levels().get(c.profile()).stream().min(Comparator.comparingDouble(
                    l -> Math.abs(Math.log(Setups.pmAt(r.setup(), l) / p.pm())))).orElseThrow();
            PairedResult at = r.byCase().get(ClaimResult.key(c.comparison(), nearest));
            rows.add(List.of("effect (" + c.spec().name() + "), paper at Pm " + p.pm() + "%", p.label() + " = " + ClaimPage.fmt(p.value()),
                    "%s (CI %s..%s) at Pm %.1f%%".formatted(ClaimPage.fmt(at.meanDiff()), ClaimPage.fmt(at.ciLow()), ClaimPage.fmt(at.ciHigh()),
                            Setups.pmAt(r.setup(), nearest))));
        }
        for (ClaimSpec.Reported p : c.claim().reported()) {
            Outcome nearest = r.outcomes().stream().filter(o -> o.spec().arm().label().equals(p.arm().equals("dense") ? "ticket" : p.arm()))
                    .filter(o -> !p.arm().equals("dense") || o.spec().level() == 0)
                    .min(Comparator.comparingDouble(o -> Math.abs(Math.log(o.metrics().pmPercent() / p.pm())))).orElse(null);
            String measured = nearest == null ? "not measured" : "%.2f at Pm %.1f%% (%s scale)".formatted(
                    Arrays.stream(r.values(p.arm(), nearest.spec().level(), p.metric())).average().orElse(Double.NaN),
                    nearest.metrics().pmPercent(), c.profile());
            rows.add(List.of(p.label() + " [" + p.metric() + ", Pm " + p.pm() + "%]", ClaimPage.fmt(p.value()), measured));
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

}
