package lth.report;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** reports/SUMMARY.md from hand-made Allure results: typed numbers, why cases did not run, order, CAL-1, tier blocks. */
class SummaryTest {
    @TempDir
    Path dir;
    private int n;

    private void result(String feature, String status, String message, String params, String json, String attachmentName)
            throws IOException {
        String id = "r" + (++n);
        String attachments = "[]";
        if (json != null) {
            Files.writeString(dir.resolve(id + "-attachment.txt"), json);
            attachments = "[{\"name\":\"" + attachmentName + "\",\"source\":\"" + id + "-attachment.txt\"}]";
        }
        Files.writeString(dir.resolve(id + "-result.json"), """
                {"name":"x","status":"%s","statusDetails":{"message":"%s"},"stop":1796174891950,
                 "labels":[{"name":"feature","value":"%s"}],"parameters":[%s],"attachments":%s}
                """.formatted(status, message, feature, params, attachments));
    }

    @BeforeEach
    void results() throws IOException {
        Files.writeString(dir.resolve("environment.properties"), "git.commit=99b6e58c05f615c5\nnd4j.backend=a.CpuBackend\n");
        String ran = """
                {"claim":"LTH-2","comparison":"winning ticket is more accurate than the dense network","a":"ticket","b":"dense",
                 "metric":"test_accuracy_at_es","relative":false,"round":8,"pm":16.9,"profile":"quick","dataset":"mnist-10k",
                 "seeds":8,"effect_mean":0.41,"effect_ci_low":-0.04,"effect_ci_high":0.85,"ci_level":0.9,"verdict":"INCONCLUSIVE",
                 "disclosure":"seeds raised from 5 to 8 after a first look","paper_effect":"> +0.3pp at Pm 13.5%",
                 "title":"Winning tickets reach higher test accuracy than the dense network"}""";
        result("LTH-2 Winning tickets reach higher test accuracy than the dense network", "skipped", "INCONCLUSIVE: x",
                "{\"name\":\"profile\",\"value\":\"quick\"},{\"name\":\"seeds\",\"value\":\"[1, 2, 3, 4, 5, 6, 7, 8]\"},"
                        + "{\"name\":\"scale\",\"value\":\"1500 iterations, width 1.00\"}", ran, "claim-result.json");
        String notRun = """
                {"claim":"LTH-10","comparison":"the IMP ticket is no better than its random reinitialization (equivalence)",
                 "round":14,"pm":7.0,"profile":"quick","verdict":"NOT RUN","not_run":"nightly-only","reason":"SKIPPED: ..."}""";
        result("LTH-10 VGG-19 at learning rate 0.1 without warmup has no winning tickets", "skipped", "SKIPPED: x",
                "{\"name\":\"dataset\",\"value\":\"fashion-mnist\"},{\"name\":\"scale\",\"value\":\"1000 iterations\"}",
                notRun, "claim-result.json");
        // Written before cases carried claim-result.json: the reason comes from the status message.
        result("STAB-2 Late resetting finds matching subnetworks of ResNet-50 on ImageNet", "skipped",
                "SKIPPED: STAB-2 needs the dataset 'imagenet', which this harness cannot load yet",
                "{\"name\":\"c\",\"value\":\"STAB-2 · no worse than dense · Pm ? (round 0)\"},{\"name\":\"dataset\",\"value\":\"imagenet\"}",
                null, null);
        result("CAL-1 verdicts are calibrated", "passed", "", "{\"name\":\"profile\",\"value\":\"quick\"}",
                "| seeds | A/A rate |\n|---|---|\n| 8 | 0.0510 |\n", SummaryResults.CALIBRATION_TABLES);
    }

    private String markdown() throws IOException {
        return SummaryMarkdown.of(SummaryResults.read(List.of(dir)), List.of(dir), null);
    }

    @Test
    @DisplayName("no ?, NaN or HTML entities; claims by number; a case that did not run says why and shows no scale")
    void truthfulRows() throws IOException {
        String md = markdown();
        assertThat(md).doesNotContain("?").doesNotContain("NaN").doesNotContain("&gt;").doesNotContain("&lt;")
                .doesNotContain("&amp;").doesNotContain("with enough power").doesNotContain("too little power");
        assertThat(md).contains("| > +0.3pp at Pm 13.5% |");                    // the paper's own '>' as written
        assertThat(md.indexOf("| LTH-2 |")).isLessThan(md.indexOf("| LTH-10 |"));
        assertThat(md.indexOf("| LTH-10 |")).isLessThan(md.indexOf("| STAB-2 |"));
        assertThat(md).contains("| LTH-10 | VGG-19 at learning rate 0.1 without warmup has no winning tickets "
                + "| NOT RUN (1/1 cases) | nightly-only | — | — | — |");
        assertThat(md).contains("| STAB-2 | Late resetting finds matching subnetworks of ResNet-50 on ImageNet "
                + "| NOT RUN (1/1 cases) | data missing | — | — | — |");
        assertThat(md).doesNotContain("fashion-mnist").doesNotContain("imagenet |");
        assertThat(md).contains("| LTH-2 | winning ticket is more accurate than the dense network | 16.9% | > +0.3pp at Pm 13.5% "
                + "| +0.41 pp (90% CI -0.04..+0.85) | INCONCLUSIVE † |  | mnist-10k | quick | 1..8 |");
        assertThat(md).contains("- LTH-2: seeds raised from 5 to 8 after a first look");
        assertThat(md).contains("REPRODUCED when the one-sided paired test against the margin is significant")
                .contains("Power is shown on each case page; it never decides");
    }

    @Test
    @DisplayName("the calibration claim has its own section with its own tables, after the claims, and no case row")
    void calibrationSection() throws IOException {
        String md = markdown();
        assertThat(md).doesNotContain("| CAL-1 |");
        int section = md.indexOf("## CAL-1: verdicts are calibrated (quick)");
        assertThat(section).isGreaterThan(md.indexOf("## By case"));
        assertThat(md.substring(section)).contains("Outcome: **passed**").contains("| 8 | 0.0510 |");
    }

    @Test
    @DisplayName("regenerating keeps the tier sections the file holds, at the end, and a later splice still finds them")
    void keepsTierSections() throws IOException {
        Path summary = dir.resolve("SUMMARY.md");
        String old = TierReport.splice(TierReport.splice("# old summary\nstale row\n", "reduced", "reduced section\n"),
                "nightly", "nightly section\n");
        Files.writeString(summary, old);
        Summary.writeMarkdown(summary, markdown());
        String text = Files.readString(summary);
        assertThat(text).doesNotContain("stale row").startsWith("# Lottery Ticket Hypothesis: claim summary");
        assertThat(text).endsWith("\n<!-- BEGIN reduced tier -->\nreduced section\n<!-- END reduced tier -->\n\n"
                + "<!-- BEGIN nightly tier -->\nnightly section\n<!-- END nightly tier -->\n");
        assertThat(text.indexOf("<!-- BEGIN reduced tier -->")).isGreaterThan(text.indexOf("## CAL-1"));
        String respliced = TierReport.splice(text, "reduced", "new reduced\n");
        assertThat(respliced).contains("<!-- BEGIN reduced tier -->\nnew reduced\n<!-- END reduced tier -->")
                .doesNotContain("reduced section");
        Summary.writeMarkdown(summary, markdown());
        assertThat(Files.readString(summary)).isEqualTo(text);                   // stable: no block doubled
    }

    @Test
    @DisplayName("each other committed tier is a column of 'By claim': its confirmatory verdicts and seeds, 'pilot only', or —")
    void otherTiers(@TempDir Path reports) throws IOException {
        Path reduced = Files.createDirectories(reports.resolve("reduced")), quick = Files.createDirectories(reports.resolve("quick"));
        String header = String.join(",", TierResults.VERDICT_COLUMNS_REQUIRED) + "\n";
        String row = "LTH-10,reduced,false,c,ticket,reinit,test_accuracy_final,15,3.72,\"[1, 2, 3, 4, 5]\",5,1,1,1,1,1,1,1,1,1,5,%s,x\n";
        Files.writeString(reduced.resolve("LTH-10.verdicts.csv"), header + row.formatted("NOT_REPRODUCED") + row.formatted("REPRODUCED"));
        Files.writeString(reduced.resolve("LTH-2.pilot.verdicts.csv"), header + row.formatted("INCONCLUSIVE").replace("LTH-10", "LTH-2"));
        Files.writeString(quick.resolve("LTH-2.verdicts.csv"), header + row.formatted("REPRODUCED").replace("LTH-10", "LTH-2"));
        var tiers = SummaryTiers.read(reports, java.util.Set.of("quick"));
        assertThat(SummaryTiers.read(null, java.util.Set.of())).as("no --tiers: no columns").isEmpty();
        assertThat(tiers).as("the run's own profile is not a column").containsOnlyKeys("reduced");
        String md = SummaryMarkdown.of(SummaryResults.read(List.of(dir)), List.of(dir), null, tiers);
        assertThat(md).contains("| claim | title | verdict | not run because | scale | dataset | seeds | reduced tier (section below) |")
                .contains("| NOT RUN (1/1 cases) | nightly-only | — | — | — | NOT REPRODUCED 1/2, REPRODUCED 1/2; seeds 1..5 |")
                .contains("| INCONCLUSIVE (1/1 cases) † |  | quick: 1500 iterations | mnist-10k | 1..8 | " + SummaryTiers.PILOT_ONLY + " |")
                .contains("| STAB-2 | Late resetting finds matching subnetworks of ResNet-50 on ImageNet "
                        + "| NOT RUN (1/1 cases) | data missing | — | — | — | — |")
                .contains("other committed tiers (reduced:");
        assertThat(markdown()).as("no tier folders: no column").doesNotContain("tier (section below)");
        String refreshed = SummaryTiers.refresh(md, "reduced", java.util.Map.of("LTH-2", "REPRODUCED 3/3; seeds 1..9"));
        assertThat(refreshed).as("a splice of the tier brings its column up to date")
                .contains("| 1..8 | REPRODUCED 3/3; seeds 1..9 |")
                .contains("| NOT RUN (1/1 cases) | nightly-only | — | — | — | — |")
                .doesNotContain(SummaryTiers.PILOT_ONLY);
        assertThat(refreshed.replace("| 1..8 | REPRODUCED 3/3; seeds 1..9 |", "| 1..8 | " + SummaryTiers.PILOT_ONLY + " |")
                .replace("| nightly-only | — | — | — | — |", "| nightly-only | — | — | — | NOT REPRODUCED 1/2, REPRODUCED 1/2; seeds 1..5 |"))
                .as("nothing else changes").isEqualTo(md);
        assertThat(SummaryTiers.refresh(md, "nightly", java.util.Map.of("LTH-2", "x"))).as("no such column").isEqualTo(md);
    }

    @Test
    @DisplayName("seed lists are shown as ranges when consecutive")
    void seeds() {
        assertThat(SummaryResults.seeds("[1, 2, 3, 4, 5, 6, 7, 8]")).isEqualTo("1..8");
        assertThat(SummaryResults.seeds("PILOT [1001, 1002, 1003]")).isEqualTo("PILOT 1001..1003");
        assertThat(SummaryResults.seeds("[1, 3]")).isEqualTo("[1, 3]");
    }
}
