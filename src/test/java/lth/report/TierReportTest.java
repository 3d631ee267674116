package lth.report;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TierReportTest {

    static List<Object> run(String claim, String arm, String scope, String opt, int round, double pm, long seed, double acc, int es) {
        return List.of(claim, "reduced", "fashion-mnist", "vgg-19", 0.125, arm, 0, scope, opt, 1000, round, pm, seed, es, 1000,
                acc, acc, 0.5, false, 100.0, "h" + seed + arm + round);
    }

    static void write(Path dir) throws IOException {
        List<List<?>> runs = new ArrayList<>(), verdicts = new ArrayList<>();
        for (long s = 1; s <= 3; s++) {
            runs.add(run("LTH-13", "dense", "", "sgd(lr=0.1,warmup=89)", 0, 100, s, 80 + s, 1000));
            runs.add(run("LTH-13", "ticket", "global", "sgd(lr=0.1,warmup=89)", 15, 3.5, s, 78 + s, 900));
            runs.add(run("LTH-13", "ticket", "layerwise", "sgd(lr=0.1,warmup=89)", 15, 3.5, s, s == 3 ? 10.0 : 75 + s, 1000));
        }
        verdicts.add(List.of("LTH-13", "reduced", true, "global beats layer-wise", "ticket", "ticket", "test_accuracy_final", 15,
                "3.50", "[1001, 1002, 1003]", 3, 80, 77, 3.0, 0.3, 2.5, 3.5, 0.001, 0.001, 0.9, "3", "REPRODUCED", "made up"));
        Csv.write(dir.resolve("LTH-13.pilot.csv"), TierResults.RUN_COLUMNS, runs);
        // written before the test columns (test, relative, margin, min_effect) existed: still read
        Csv.write(dir.resolve("LTH-13.pilot.verdicts.csv"), TierResults.VERDICT_COLUMNS_REQUIRED, verdicts);
    }

    @Test
    @DisplayName("the tier's section and charts come from the committed CSVs alone; a pilot without confirmatory runs reads PENDING")
    void sectionAndChart(@TempDir Path dir) throws IOException {
        Path tier = Files.createDirectories(dir.resolve("reduced"));
        write(tier);
        TierResults t = TierResults.read(tier);
        String md = TierMarkdown.section(t);
        assertThat(md).contains("Effects are per-seed paired differences", "| LTH-13 | global beats layer-wise | 3.50% |", "→ REPRODUCED", "**PENDING** (pilot only)",
                "dense test accuracy 82.00% (81.00–83.00, warmup)", "ticket layerwise 3/3", "ticket global 0/3",
                "at chance accuracy (trained to nothing): ticket layerwise round 15 seed 3 (10%)");
        assertThat(TierReport.series(t.runs().get("LTH-13.pilot"))).containsOnlyKeys("ticket global", "ticket layerwise");
        // STAB-1's committed runs: the rewound ticket is measured at one round, so it is a marker, not a line from dense
        var stab1 = TierReport.series(TierResults.read(Path.of("reports", "reduced")).runs().get("STAB-1"));
        assertThat(stab1.get("ticket@100")).isNotEmpty().noneMatch(r -> r.get("arm").equals("dense"));
        assertThat(stab1.get("ticket")).anyMatch(r -> r.get("arm").equals("dense"));
        byte[] png = TierReport.chart(t, List.of("LTH-13"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(TierReport.chart(t, List.of("LTH-13"), "es_iteration")).startsWith(0x89, 'P', 'N', 'G');
        assertThat(TierReport.armSeries("ticket", t.runs().get("LTH-13.pilot").subList(0, 2), "es_iteration").perSeed())
                .as("the metric's column by Pm, from 100% down: dense, then the ticket at 3.5%").isDeepEqualTo(new double[][]{{1000}, {900}});
        assertThatThrownBy(() -> TierReport.chart(t, List.of("LTH-13"), "seconds")).hasMessageContaining("no chart of 'seconds'");
        Path summary = Files.writeString(dir.resolve("SUMMARY.md"), "# Summary\n");
        TierReport.main(new String[]{tier.toString(), "--splice", summary.toString()});
        TierReport.main(new String[]{tier.toString(), "--splice", summary.toString()});
        String once = Files.readString(summary);
        assertThat(once).startsWith("# Summary\n").containsOnlyOnce("<!-- BEGIN reduced tier -->").containsOnlyOnce("| LTH-13 |");
    }

    @Test
    @DisplayName("each claim's note names the kinds of CPU that trained its seeds, from the exported runs' machine.txt")
    void machines(@TempDir Path dir) throws IOException {
        Path tier = Files.createDirectories(dir.resolve("reduced"));
        write(tier);
        String none = TierMarkdown.section(TierResults.read(tier));
        assertThat(none).as("no exported runs: nothing to say").doesNotContain("CPUs:");
        Path runs = Files.createDirectories(tier.resolve("runs"));
        String intel = "GenuineIntel Intel(R) Xeon(R) Processor; amx_tile avx avx2 avx512_bf16 avx512_vnni avx512f fma; amd64, 2 processors\n";
        for (String arm : List.of("dense0", "ticket15", "layerwise15")) {
            Path seed2 = Files.createDirectories(runs.resolve("h2" + arm.replace("layerwise", "ticket")));
            Files.writeString(seed2.resolve("machine.txt"), intel);
        }
        Files.writeString(Files.createDirectories(runs.resolve("h3dense0")).resolve("machine.txt"), "AuthenticAMD AMD EPYC; avx avx2 fma; amd64, 2 processors");
        Files.createDirectories(runs.resolve("h1dense0"));   // exported before machine.txt existed
        String md = TierMarkdown.section(TierResults.read(tier));
        assertThat(md).contains("; CPUs: AMD EPYC (AVX2) seeds 3, Intel Xeon Processor (AVX-512) seeds 2, "
                + "not recorded (before 2026-12-02: AMD Zen 5) seeds 1, run not exported seeds 1, 3.");
        assertThat(TierMachines.ranges(new java.util.TreeSet<>(List.of(1L, 2L, 3L, 4L, 7L, 9L, 10L)))).isEqualTo("1–4, 7, 9–10");
        assertThat(TierMachines.label("GenuineIntel Intel(R) Core(TM) i7; avx; amd64, 8 processors")).isEqualTo("Intel Core i7 (AVX)");
    }

    @Test
    @DisplayName("a quick-tier section: relative early-stop effects in %, accuracy in pp, the pilot's sd and planned seeds beside the confirmatory verdict")
    void quickSection(@TempDir Path dir) throws IOException {
        Path tier = Files.createDirectories(dir.resolve("quick"));
        List<List<?>> runs = new ArrayList<>();
        for (long s = 101; s <= 103; s++) {
            runs.add(List.of("LTH-1", "quick", "mnist-10k", "lenet-300-100", 1.0, "dense", 0, "", "adam(lr=0.0012)", 1500, 0, 100.0,
                    s, 900, 1500, 95.0, 95.0, 0.2, false, 3.0, "d" + s));
            runs.add(List.of("LTH-1", "quick", "mnist-10k", "lenet-300-100", 1.0, "ticket", 0, "layerwise", "adam(lr=0.0012)", 1500, 8,
                    16.9, s, s == 103 ? 1500 : 700, 1500, 95.5, 95.5, 0.2, false, 3.0, "t" + s));
        }
        String rel = "n=8: mean +0.2477" + lth.stats.Hypothesis.RELATIVE_UNIT + " (90% CI ...)";
        List<List<?>> pilot = List.of(
                List.of("LTH-1", "quick", true, "ticket stops earlier", "ticket", "dense", "es_iteration", 8, "16.88",
                        "[1, 2, 3, 4, 5, 6, 7, 8]", 8, 700, 900, 0.2477, 0.354, 0.046, 0.407, 0.03, 0.03, 0.34, "26", "INCONCLUSIVE", rel),
                List.of("LTH-1", "quick", true, "ticket more accurate", "ticket", "dense", "test_accuracy_at_es", 8, "16.88",
                        "[1, 2, 3, 4, 5, 6, 7, 8]", 8, 95.8, 95.4, 0.41, 0.67, -0.04, 0.85, 0.06, 0.06, 0.2, "32", "INCONCLUSIVE", "n=8: ..."));
        List<List<?>> conf = List.of(
                List.of("LTH-1", "quick", false, "ticket stops earlier", "ticket", "dense", "es_iteration", 8, "16.88",
                        "[101, 102, 103]", 3, 700, 900, 0.21, 0.3, 0.1, 0.3, 0.001, 0.001, 0.9, "20", "REPRODUCED", rel,
                        "superiority", true, 0.0, 0.2),
                List.of("LTH-1", "quick", false, "ticket more accurate", "ticket", "dense", "test_accuracy_at_es", 8, "16.88",
                        "[101, 102, 103]", 3, 95.8, 95.4, 0.5, 0.6, 0.2, 0.8, 0.01, 0.01, 0.5, "30", "REPRODUCED", "n=3: ...",
                        "non-inferiority", false, -1.0, 0.5));
        Csv.write(tier.resolve("LTH-1.csv"), TierResults.RUN_COLUMNS, runs);
        Csv.write(tier.resolve("LTH-1.pilot.verdicts.csv"), TierResults.VERDICT_COLUMNS_REQUIRED, pilot);
        Csv.write(tier.resolve("LTH-1.verdicts.csv"), TierResults.VERDICT_COLUMNS, conf);
        String md = TierMarkdown.section(TierResults.read(tier));
        assertThat(md).startsWith("## The quick tier: the pilot's verdict beside the pre-registered confirmatory one")
                .contains("| LTH-1 | ticket stops earlier | 16.88% | mnist-10k, lenet-300-100 ×1, 1500 it | 1..8: +25% (+4.6..+41%) → INCONCLUSIVE; sd 0.354, 26 seeds for 0.8 | +21% (+10..+30%), 3 seeds (101..103), p 0.00100 | **REPRODUCED** |")
                .contains("| LTH-1 | ticket more accurate | 16.88% |", "1..8: +0.410pp (-0.0400..+0.850) → INCONCLUSIVE; sd 0.670, 32 seeds for 0.8", "+0.500pp (+0.200..+0.800), 3 seeds")
                .contains("early stop at the last evaluation: dense 0/3, ticket layerwise 1/3");
        assertThat(TierReport.forest(TierResults.read(tier))).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    @DisplayName("the verdict chart: one row per confirmatory case, top to bottom, each labelled with its numbers in its own units")
    void verdictChart() {
        var cases = List.of(new VerdictChart.Case("A", "REPRODUCED", "superiority", 0.3, 0.22, 0.36, 0, 0.2),
                new VerdictChart.Case("B", "NOT_REPRODUCED", "equivalence", 2.9, 2.4, 3.5, 1.0, 1.0),
                new VerdictChart.Case("C", "INCONCLUSIVE", "non-inferiority", 0.1, -0.8, 1.0, -1.0, 0.5));
        assertThat(VerdictChart.label(cases, 2)).isEqualTo("A");
        assertThat(VerdictChart.label(cases, 0)).isEqualTo("C");
        assertThat(VerdictChart.label(cases, 0.5)).isBlank().isNotEqualTo(VerdictChart.label(cases, -0.6)).isNotEqualTo(VerdictChart.label(cases, 2.6));
        assertThat(VerdictChart.clip(20.5)).isEqualTo(VerdictChart.X_MAX);
        assertThat(VerdictChart.numbers(0.297, 0.223, 0.364, true)).isEqualTo("+30% (+22..+36%)");
        assertThat(VerdictChart.numbers(0.55, 0.40, 0.71, false)).isEqualTo("+0.55pp (+0.40..+0.71)");
        assertThat(VerdictChart.forest("t", cases)).startsWith(0x89, 'P', 'N', 'G');
        assertThatThrownBy(() -> VerdictChart.forest("t", List.of())).hasMessageContaining("no verdicts");
    }

    @Test
    @DisplayName("a CSV missing a column is an error naming the file and the column")
    void missingColumn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("LTH-13.csv"), "claim,profile\nLTH-13,reduced\n");
        assertThatThrownBy(() -> TierResults.read(dir)).hasMessageContaining("LTH-13.csv: no column 'dataset'");
    }
}
