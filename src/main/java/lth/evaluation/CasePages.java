package lth.evaluation;

import lth.claim.ClaimCase;
import lth.claim.ClaimPlan;
import lth.claim.ClaimSpec;
import lth.claim.Metric;
import lth.claim.Side;
import lth.experiment.Outcome;
import lth.experiment.RunSpec;
import lth.report.CasePage.Attachment;
import lth.report.CasePage.Status;
import lth.report.CasePage;
import lth.report.CaseResult;
import lth.report.Tables;
import lth.stats.PairedResult;
import lth.stats.Verdict;

import java.util.*;

/**
 * A claim case's report page ({@link CasePage}) from its claim's result: the paper's sentence first, then
 * what ran (as steps), the charts with each arm's seed spread and the paper's points, the per-seed numbers,
 * the paper-vs-measured table, the case result and the provenance.
 */
public final class CasePages {
    private CasePages() { }

    /** The claim file's disclosure (a design change made after seeing results) as a lead paragraph, or "". */
    static String disclosure(ClaimCase c) {
        String d = c.claim().disclosure(c.profile());
        return d.isEmpty() ? "" : "**Disclosure:** " + d + "\n\n";
    }

    /** The lead of a case that did not run: the reason, after any disclosure. */
    public static String notRunLead(ClaimCase c, CaseResult result) {
        return CasePage.lead(c.claim().statement(), c.claim().source(), result.verdict(), disclosure(c) + result.reason());
    }

    /**
     * The lead of a case whose claim a budgeted night has not finished, or whose run was a seed group of its
     * confirmatory design: IN PROGRESS, how far the claim has come and what is left, and that it is no verdict.
     */
    public static String inProgressLead(ClaimCase c, CaseResult result, ClaimResult r) {
        ClaimSpec.ProfileSpec p = r.claim().scale();
        String how = lth.claim.SeedSelection.piece(r.seeds(), p) ? """
                This run trained a seed group (`-Dlth.seeds`), a piece of the claim's pre-registered design: its runs are \
                stored, but the claim is tested over all its confirmatory seeds at once, so a piece has **no verdict** \
                (the numbers of a few seeds are not the test). Run the claim without `-Dlth.seeds` once every piece is \
                stored; this page is not a pass.
                """ : """
                This claim trains across nights under a time budget (`-Dlth.budget.minutes`): each night continues \
                from the run store where the last one stopped, and runs in flight stop at a checkpoint and resume bit \
                for bit. It has **no verdict** until every run it needs is stored; this page is not a pass.
                """;
        return CasePage.lead(c.claim().statement(), c.claim().source(), result.verdict(), disclosure(c) + """
                **Progress:** %s.

                %s
                **Planned:** %s profile, %s, %d iterations per run, seeds %s (this run: %s). **Budget:** %s.
                """.formatted(result.reason(), how, c.profile(), p.dataset(), p.iterations(), p.confirmatoryRange(), r.seeds(),
                r.progress().budget()));
    }

    /** The page of a case that ran; {@code provenance} is the run's (versions, machine, store). */
    public static CasePage of(ClaimCase c, ClaimResult r, PairedResult pr, String provenance) {
        ClaimSpec.Comparison cmp = c.spec();
        CaseResult result = CaseResults.ran(c, r, pr);
        List<CasePage.Step> steps = new ArrayList<>();
        steps.add(new CasePage.Step("load data: " + r.data(), Status.PASSED));
        boolean lmc = cmp.metric() == Metric.INSTABILITY;
        for (boolean sideA : List.of(false, true)) {
            if (!(cmp.side(sideA) instanceof Side.Trained arm)) continue;
            List<RunSpec> specs = r.plan().side(c.comparison(), sideA, c.level());
            if (!arm.dense() && arm.arm() != lth.experiment.Arm.ONESHOT)
                steps.add(new CasePage.Step("prune to round %d (Pm %.1f%%, %s, magnitude)".formatted(c.level(), c.pm(),
                        specs.get(0).setup().scope()), Status.PASSED));
            steps.add(trainStep(r, arm.dense() ? "train dense network" : "train " + arm.label(), specs));
            if (lmc && sideA)
                steps.add(trainStep(r, "train the twin (same weights and mask, another data order)",
                        specs.stream().map(ClaimPlan::twin).toList()));
        }
        steps.add(new CasePage.Step("compare " + cmp.a() + " vs " + cmp.b() + ": " + pr.explanation(),
                pr.verdict() == Verdict.REPRODUCED ? Status.PASSED
                        : pr.verdict() == Verdict.NOT_REPRODUCED ? Status.FAILED : Status.SKIPPED));
        List<Attachment> attachments = new ArrayList<>();
        if (lmc) {
            steps.add(new CasePage.Step(ClaimCharts.interpolationStep(), Status.PASSED));
            attachments.add(ClaimCharts.interpolation(c, r));
        }
        attachments.add(ClaimCharts.effect(c, r));
        attachments.addAll(ClaimCharts.metrics(c, r));
        List<List<String>> levels = ClaimTables.levelRows(c, r);
        attachments.add(Attachment.html("paper vs measured", Tables.html(
                List.of("", "paper", "measured (mean over seeds)"), ClaimTables.paperVsMeasured(c, r, pr))));
        attachments.add(Attachment.html("all levels of this comparison", Tables.html(ClaimTables.levelHeader(cmp), levels)));
        attachments.add(Attachment.csv("per-seed measurements.csv", ClaimTables.perSeedCsv(r)));
        attachments.add(Attachment.json(CaseResult.NAME, result.json()));
        attachments.add(Attachment.text("provenance", provenance + "\nrun store = " + System.getProperty("lth.store")
                + "\nsetup = " + r.setup().canonical() + "\nruns trained here = " + r.trained() + ", from store = " + r.fromStore()
                + "\nconfig hashes = " + r.outcomes().stream().map(o -> o.spec().describe() + ":" + o.hash()).toList()));
        String lead = CasePage.lead(c.claim().statement(), c.claim().source(), pr.verdict().name().replace('_', ' '),
                detail(c, r, pr, levels));
        return new CasePage(result, lead, steps, attachments);
    }

    private static String detail(ClaimCase c, ClaimResult r, PairedResult pr, List<List<String>> levels) {
        ClaimSpec.Comparison cmp = c.spec();
        ClaimSpec.Statistics st = r.claim().claim().statistics();
        return disclosure(c) + """
                **Tested:** %s — %s vs %s on `%s` (%s%s), at pruning round %d (Pm %.1f%%).

                **Measured:** %s

                **Data:** %s. **Scale:** %s profile, seeds %s. **Thresholds:** %s, alpha %.3g (Holm across levels), power target %.2f, %s.

                **All levels of this comparison:**

                %s

                **Why these thresholds:** %s
                """.formatted(cmp.name(), cmp.a(), cmp.b(), cmp.metric(), cmp.kind().label(), cmp.relative() ? ", relative" : "",
                c.level(), c.pm(), pr.explanation(), r.data(), c.profile(), r.seeds(c.comparison()), st.test().label(), st.alpha(), st.power(),
                cmp.kind() == lth.stats.Kind.EQUIVALENCE ? "equivalence bound ±" + cmp.equivalenceBound()
                        : "margin " + cmp.margin() + ", smallest effect claimed " + cmp.minEffect(),
                Tables.markdown(ClaimTables.levelHeader(cmp), levels), c.claim().justification().replace("\n", " "));
    }

    private static CasePage.Step trainStep(ClaimResult r, String name, List<RunSpec> specs) {
        Set<String> hashes = new HashSet<>();
        specs.forEach(s -> hashes.add(s.hash()));
        List<Outcome> os = r.outcomes().stream().filter(o -> hashes.contains(o.hash())).toList();
        long cached = os.stream().filter(Outcome::cached).count();
        double es = os.stream().mapToDouble(o -> o.metrics().esIteration()).average().orElse(Double.NaN);
        double acc = os.stream().mapToDouble(o -> o.metrics().testAccuracyAtEs()).average().orElse(Double.NaN);
        long diverged = os.stream().filter(o -> o.metrics().diverged()).count();
        return new CasePage.Step("%s × %d seeds (%d from store): mean early stop %.0f, test accuracy at early stop %.2f%%%s"
                .formatted(name, os.size(), cached, es, acc, diverged > 0 ? ", " + diverged + " diverged" : ""),
                os.size() == specs.size() ? Status.PASSED : Status.BROKEN);
    }
}
