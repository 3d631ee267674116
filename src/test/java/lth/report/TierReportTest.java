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
        Csv.write(dir.resolve("LTH-13.pilot.verdicts.csv"), TierResults.VERDICT_COLUMNS, verdicts);
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
        byte[] png = TierReport.chart(t, List.of("LTH-13"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        Path summary = Files.writeString(dir.resolve("SUMMARY.md"), "# Summary\n");
        TierReport.main(new String[]{tier.toString(), "--splice", summary.toString()});
        TierReport.main(new String[]{tier.toString(), "--splice", summary.toString()});
        String once = Files.readString(summary);
        assertThat(once).startsWith("# Summary\n").containsOnlyOnce("<!-- BEGIN reduced tier -->").containsOnlyOnce("| LTH-13 |");
    }

    @Test
    @DisplayName("a CSV missing a column is an error naming the file and the column")
    void missingColumn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("LTH-13.csv"), "claim,profile\nLTH-13,reduced\n");
        assertThatThrownBy(() -> TierResults.read(dir)).hasMessageContaining("LTH-13.csv: no column 'dataset'");
    }
}
