package lth.claim;

import io.qameta.allure.model.Status;
import lth.experiment.Outcome;
import lth.report.*;
import lth.stats.PairedResult;
import lth.stats.Verdict;

import java.util.*;

/**
 * Writes one claim case into the Allure report: the paper's sentence first, then what ran (as steps),
 * the charts with each arm's seed spread and the paper's points, the per-seed numbers, the
 * paper-vs-measured table and the provenance. Runs on the test's own thread.
 */
final class ClaimPage {
    private ClaimPage() { }

    private static Provenance provenance;

    static synchronized Provenance provenance() {
        if (provenance == null) provenance = Provenance.collect();
        return provenance;
    }

    static void header(ClaimCase c) {
        identity(c);
        ClaimSpec.ProfileSpec p = c.claim().profiles().get(c.profile());
        AllureClaimReport.parameter("dataset", p.dataset());
        AllureClaimReport.parameter("seeds", (SeedSelection.pilot() ? "PILOT " : "") + SeedSelection.of(c.claim(), p));
        AllureClaimReport.parameter("scale", "%d iterations, eval every %d, %d paper round(s) per IMP round, width %.2f"
                .formatted(p.iterations(), p.evalEvery(), p.roundsPerLevel(), p.width()));
    }

    /** What the case is, without a scale: enough for a case of a profile the claim file has no block for. */
    static void identity(ClaimCase c) {
        ClaimSpec s = c.claim();
        AllureClaimReport.labels(s.paper(), s.id(), s.title(), s.setup().name() + " (" + c.profile() + ")");
        // The case's own name, without the method's display name that Allure would prepend.
        io.qameta.allure.Allure.getLifecycle().updateTestCase(t -> t.setName(c.toString()));
        if (!Double.isNaN(c.pm())) AllureClaimReport.parameter("Pm (% weights remaining)", "%.1f".formatted(c.pm()));
        AllureClaimReport.parameter("pruning round", c.level());
        AllureClaimReport.parameter("comparison", c.spec().a() + " vs " + c.spec().b() + " on " + c.spec().metric());
        AllureClaimReport.parameter("profile", DryRun.label(c.profile()));
    }

    /** A case that did not run: the reason as its lead, no scale or seeds (nothing ran at one), and its typed result. */
    static void skipped(ClaimCase c, String reason, boolean required) {
        String verdict = required ? "REQUIRED BUT NOT RUN" : "NOT RUN";
        AllureClaimReport.describeClaim(c.claim().statement(), c.claim().source(), verdict, disclosure(c) + reason);
        io.qameta.allure.Allure.getLifecycle().updateTestCase(t -> t.getParameters()
                .removeIf(p -> List.of("dataset", "seeds", "scale").contains(p.getName())));
        AllureClaimReport.parameter("not run because", NotRun.kind(reason));
        AllureClaimReport.attachJson(ResultJson.NAME, ResultJson.notRun(c, verdict, reason));
    }

    /** The claim file's disclosure (a design change made after seeing results) as a lead paragraph, or "". */
    static String disclosure(ClaimCase c) {
        String d = c.claim().disclosure(c.profile());
        return d.isEmpty() ? "" : "**Disclosure:** " + d + "\n\n";
    }

    static void body(ClaimCase c, ClaimResult r, PairedResult pr) {
        ClaimSpec.Comparison cmp = c.spec();
        AllureClaimReport.describeClaim(c.claim().statement(), c.claim().source(), pr.verdict().name().replace('_', ' '),
                detail(c, r, pr));
        AllureClaimReport.step("load data: " + r.data(), Status.PASSED);
        boolean lmc = cmp.metric().equals(ClaimFiles.INSTABILITY);
        for (boolean sideA : List.of(false, true)) {
            String arm = sideA ? cmp.a() : cmp.b();
            if (arm.equals(ClaimFiles.THRESHOLD)) continue;
            List<lth.experiment.RunSpec> specs = r.seeds().stream()
                    .map(seed -> Setups.spec(c.claim(), c.profile(), cmp, sideA, c.level(), seed)).toList();
            String base = ClaimSpec.Comparison.armName(arm);
            if (!base.equals("dense") && !base.equals("oneshot"))
                AllureClaimReport.step("prune to round %d (Pm %.1f%%, %s, magnitude)".formatted(c.level(), c.pm(),
                        specs.get(0).setup().scope()), Status.PASSED);
            trainStep(r, base.equals("dense") ? "train dense network" : "train " + arm, specs);
            if (lmc && sideA)
                trainStep(r, "train the twin (same weights and mask, another data order)", specs.stream()
                        .map(s -> new lth.experiment.RunSpec(s.setup(), s.seed(), lth.experiment.Arm.TWIN, s.level())).toList());
        }
        AllureClaimReport.step("compare " + cmp.a() + " vs " + cmp.b() + ": " + pr.explanation(),
                pr.verdict() == Verdict.REPRODUCED ? Status.PASSED
                        : pr.verdict() == Verdict.NOT_REPRODUCED ? Status.FAILED : Status.SKIPPED);
        if (lmc) {
            AllureClaimReport.step("interpolate: test error at %d points of α·w1 + (1-α)·w2".formatted(
                    lth.experiment.Instability.POINTS), Status.PASSED);
            attachInterpolationChart(c, r);
        }
        attachEffectChart(c, r);
        attachCharts(c, r);
        AllureClaimReport.attachHtml("paper vs measured", Tables.html(
                List.of("", "paper", "measured (mean over seeds)"), ClaimTables.paperVsMeasured(c, r, pr)));
        AllureClaimReport.attachHtml("all levels of this comparison", Tables.html(LEVEL_HEADER.apply(cmp), levelRows(c, r)));
        AllureClaimReport.attachCsv("per-seed measurements.csv", ClaimTables.perSeedCsv(r));
        AllureClaimReport.attachJson(ResultJson.NAME, ResultJson.of(c, r, pr));
        AllureClaimReport.attachText("provenance", provenance().text() + "\nrun store = " + System.getProperty("lth.store")
                + "\nsetup = " + r.setup().canonical() + "\nruns trained here = " + r.trained() + ", from store = " + r.fromStore()
                + "\nconfig hashes = " + r.outcomes().stream().map(o -> o.spec().describe() + ":" + o.hash()).toList());
    }

    private static final java.util.function.Function<ClaimSpec.Comparison, List<String>> LEVEL_HEADER = cmp ->
            List.of("round", "Pm %", cmp.a() + " (mean)", cmp.b() + " (mean)", "effect (CI)", "p", "p (Holm)", "power", "verdict");

    private static String detail(ClaimCase c, ClaimResult r, PairedResult pr) {
        ClaimSpec.Comparison cmp = c.spec();
        return disclosure(c) + """
                **Tested:** %s — %s vs %s on `%s` (%s%s), at pruning round %d (Pm %.1f%%).

                **Measured:** %s

                **Data:** %s. **Scale:** %s profile, seeds %s. **Thresholds:** %s, alpha %.3g (Holm across levels), power target %.2f, %s.

                **All levels of this comparison:**

                %s

                **Why these thresholds:** %s
                """.formatted(cmp.name(), cmp.a(), cmp.b(), cmp.metric(), cmp.kind(), cmp.relative() ? ", relative" : "",
                c.level(), c.pm(), pr.explanation(), r.data(), c.profile(), r.seeds(), c.claim().statistics().test(),
                c.claim().statistics().alpha(), c.claim().statistics().power(),
                cmp.kind().equals("equivalence") ? "equivalence bound ±" + cmp.equivalenceBound()
                        : "margin " + cmp.margin() + ", smallest effect claimed " + cmp.minEffect(),
                Tables.markdown(LEVEL_HEADER.apply(cmp), levelRows(c, r)), c.claim().justification().replace("\n", " "));
    }

    private static void trainStep(ClaimResult r, String name, List<lth.experiment.RunSpec> specs) {
        Set<String> hashes = new HashSet<>();
        specs.forEach(s -> hashes.add(s.hash()));
        List<Outcome> os = r.outcomes().stream().filter(o -> hashes.contains(o.hash())).toList();
        long cached = os.stream().filter(Outcome::cached).count();
        double es = os.stream().mapToDouble(o -> o.metrics().esIteration()).average().orElse(Double.NaN);
        double acc = os.stream().mapToDouble(o -> o.metrics().testAccuracyAtEs()).average().orElse(Double.NaN);
        long diverged = os.stream().filter(o -> o.metrics().diverged()).count();
        AllureClaimReport.step("%s × %d seeds (%d from store): mean early stop %.0f, test accuracy at early stop %.2f%%%s"
                .formatted(name, os.size(), cached, es, acc, diverged > 0 ? ", " + diverged + " diverged" : ""),
                os.size() == r.seeds().size() ? Status.PASSED : Status.BROKEN);
    }

    private static void attachCharts(ClaimCase c, ClaimResult r) {
        Set<String> arms = new LinkedHashSet<>();
        // The base setup's arms; rewound or overridden arms appear in the effect chart of their comparison.
        for (ClaimSpec.Comparison cmp : c.claim().comparisons()) {
            if (cmp.aOverrides().equals(ClaimSpec.Overrides.NONE) && !cmp.a().contains("@")) arms.add(cmp.a());
            if (cmp.bOverrides().equals(ClaimSpec.Overrides.NONE) && !cmp.b().contains("@")) arms.add(cmp.b());
        }
        arms.remove("dense");
        arms.remove(ClaimFiles.THRESHOLD);
        for (String metric : List.of("test_accuracy_at_es", "es_iteration")) {
            List<Charts.ArmSeries> series = new ArrayList<>();
            for (String arm : arms) series.add(series(r, arm, metric));
            boolean comparable = metric.startsWith("test_accuracy") || c.profile().equals("nightly");
            List<Charts.PaperPoint> paper = comparable ? c.claim().reported().stream()
                    .filter(p -> p.metric().equals(metric))
                    .map(p -> new Charts.PaperPoint("paper: " + p.label(), p.pm(), p.value())).toList() : List.of();
            String title = c.claim().id() + ": " + (metric.equals("es_iteration") ? "early-stop iteration" : "test accuracy at early stop")
                    + " vs Pm (" + r.data().split(" ")[0] + ", " + c.profile() + ")";
            AllureClaimReport.attachPng(title, Charts.metricVsPm(title,
                    metric.equals("es_iteration") ? "early-stop iteration" : "test accuracy (%)", series, paper, true));
        }
    }

    /** This comparison's per-seed effect (positive supports the claim) at each level, with the paper's own effects. */
    private static void attachEffectChart(ClaimCase c, ClaimResult r) {
        ClaimSpec.Comparison cmp = c.spec();
        List<Integer> levels = cmp.levels().get(c.profile());
        double[] pm = new double[levels.size()];
        double[][] perSeed = new double[levels.size()][];
        for (int i = 0; i < levels.size(); i++) {
            pm[i] = Setups.pmAt(r.setup(), levels.get(i));
            perSeed[i] = effects(cmp, r.side(cmp, true, levels.get(i)), r.side(cmp, false, levels.get(i)));
        }
        String unit = cmp.relative() ? "relative change of " + cmp.metric() : cmp.metric() + " difference";
        String title = c.claim().id() + ": " + cmp.a() + " vs " + cmp.b() + " (" + unit + ", positive supports the claim)";
        List<Charts.PaperPoint> paper = cmp.paper().stream()
                .map(p -> new Charts.PaperPoint("paper: " + p.label(), p.pm(), p.value())).toList();
        AllureClaimReport.attachPng(title, Charts.metricVsPm(title, unit,
                List.of(new Charts.ArmSeries("measured effect", pm, perSeed)), paper, true));
    }

    private static void attachInterpolationChart(ClaimCase c, ClaimResult r) {
        Map<String, double[][]> xy = new LinkedHashMap<>();
        for (long seed : r.seeds()) {
            double[] e = r.curve(c.spec().a(), c.level(), seed);
            double[] alpha = new double[e.length];
            for (int i = 0; i < e.length; i++) alpha[i] = i / (double) (e.length - 1);
            xy.put("seed " + seed, new double[][]{alpha, e});
        }
        String title = c.claim().id() + ": test error along α·w1 + (1-α)·w2, " + c.spec().a() + " at Pm %.1f%%".formatted(c.pm());
        AllureClaimReport.attachPng(title, Charts.curve(title, "α", "test error (%)", xy));
    }

    /** Oriented per-seed effects, as the statistics test them: positive supports the claim. */
    static double[] effects(ClaimSpec.Comparison cmp, double[] a, double[] b) {
        double sign = cmp.direction().equals("greater") ? 1 : -1;
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = sign * (cmp.relative() ? (a[i] - b[i]) / b[i] : a[i] - b[i]);
        return d;
    }

    /** One arm over every level it was run at (the ticket arm includes the dense net at 100%). */
    private static Charts.ArmSeries series(ClaimResult r, String arm, String metric) {
        TreeMap<Integer, Double> pmByLevel = new TreeMap<>();
        for (Outcome o : r.outcomes())
            if (o.spec().arm().label().equals(arm) && r.isBase(o)) pmByLevel.put(o.spec().level(), o.metrics().pmPercent());
        double[] pm = new double[pmByLevel.size()];
        double[][] perSeed = new double[pmByLevel.size()][];
        int i = 0;
        for (var e : pmByLevel.entrySet()) {
            pm[i] = e.getValue();
            perSeed[i++] = r.values(arm, e.getKey(), metric);
        }
        return new Charts.ArmSeries(arm, pm, perSeed);
    }

    private static List<List<String>> levelRows(ClaimCase c, ClaimResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (int level : c.spec().levels().get(c.profile())) {
            PairedResult p = r.byCase().get(ClaimResult.key(c.comparison(), level));
            rows.add(List.of(String.valueOf(level), "%.1f".formatted(Setups.pmAt(r.setup(), level)), fmt(p.meanA()), fmt(p.meanB()),
                    "%+.3g (%.3g..%.3g)".formatted(p.meanDiff(), p.ciLow(), p.ciHigh()), "%.3g".formatted(p.pPrimary()),
                    "%.3g".formatted(p.pAdjusted()), Double.isNaN(p.power()) ? "n/a" : "%.2f".formatted(p.power()), p.verdict().name()));
        }
        return rows;
    }

    static String fmt(double v) {
        return Math.abs(v) >= 100 ? "%.0f".formatted(v) : Math.abs(v) < 1 ? "%.3f".formatted(v) : "%.2f".formatted(v);
    }
}
