package lth.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim still training across budgeted nights (IN PROGRESS) in every report: its case result carries its
 * progress; the summary, the front page, claims.html, the environment lines and the export list it apart
 * from verdicts and from claims that did not run, and never as reproduced.
 */
class InProgressReportTest {
    static final String PROGRESS = "40 of 95 runs done; ≈ 22 GPU-hours of training left (estimated from: runs measured here 55)";
    static final CaseResult IN_PROGRESS = new CaseResult(new CaseResult.Case("LTH-10", "VGG-19 without warmup has no tickets",
            "Frankle & Carbin (ICLR 2019)", "vgg-19 / CIFAR-10", "ticket vs reinit", "ticket", "reinit", "test_accuracy_final",
            false, 12, 6.9, "nightly", "", "—"), null, CaseResult.IN_PROGRESS, "", PROGRESS,
            new CaseResult.Progress(40, 95, 22.4, "GPU-hours", PROGRESS));

    @TempDir
    Path dir;
    private int n;

    private void result(String feature, String status, String message, String json) throws IOException {
        String id = "r" + (++n);
        Files.writeString(dir.resolve(id + "-attachment.json"), json);
        Files.writeString(dir.resolve(id + "-result.json"), """
                {"name":"x","status":"%s","statusDetails":{"message":"%s"},"stop":1796174891950,
                 "labels":[{"name":"feature","value":"%s"}],"parameters":[],
                 "attachments":[{"name":"claim-result.json","source":"%s-attachment.json"}]}
                """.formatted(status, message, feature, id));
    }

    @BeforeEach
    void results() throws IOException {
        Files.writeString(dir.resolve("environment.properties"), "git.commit=99b6e58c05f615c5\nnd4j.backend=a.JCublasBackend\n");
        result("LTH-3 Tickets beat reinit", "passed", "", """
                {"claim":"LTH-3","comparison":"c","round":7,"pm":21.0,"profile":"nightly","dataset":"mnist","verdict":"REPRODUCED",
                 "scale":"50000 iterations","seed_list":"[1, 2, 3, 4, 5]"}""");
        result("LTH-10 VGG-19 without warmup has no tickets", "skipped", "IN PROGRESS: LTH-10 ...", IN_PROGRESS.json());
        result("STAB-2 Late resetting on ImageNet", "skipped", "SKIPPED: x", """
                {"claim":"STAB-2","comparison":"c","round":5,"profile":"nightly","verdict":"NOT RUN","not_run":"data missing","reason":"SKIPPED: x"}""");
    }

    @Test
    @DisplayName("the case result keeps the progress: runs done and needed, hours left, no numbers")
    void roundTrip() throws Exception {
        CaseResult back = CaseResult.read(new ObjectMapper().readTree(IN_PROGRESS.json()));
        assertThat(back).isEqualTo(IN_PROGRESS);
        assertThat(back.ran()).isFalse();
        assertThat(back.inProgress()).isTrue();
        assertThat(IN_PROGRESS.json()).contains("\"verdict\" : \"IN PROGRESS\"", "\"runs_done\" : 40", "\"runs_needed\" : 95",
                "\"hours_left\" : 22.4").doesNotContain("effect_mean", "not_run");
    }

    @Test
    @DisplayName("SUMMARY.md: IN PROGRESS in the verdict column, its own section with the progress, not a claim that did not run")
    void markdown() throws IOException {
        String md = SummaryMarkdown.of(SummaryResults.read(List.of(dir)), List.of(dir), null);
        assertThat(md).contains("| LTH-10 | VGG-19 without warmup has no tickets | IN PROGRESS (1/1 cases) |  | — | — | — |");
        assertThat(md).contains("## In progress").contains("| LTH-10 | " + PROGRESS + " |");
        assertThat(md).contains("| LTH-10 | ticket vs reinit | 6.9% | — | in progress: 40/95 runs | IN PROGRESS |");
        assertThat(md).contains("| STAB-2 | Late resetting on ImageNet | NOT RUN (1/1 cases) | data missing |");
    }

    @Test
    @DisplayName("front page: counted as in progress, listed apart from the verdicts and from the claims not run")
    void frontPage() throws IOException {
        SummaryResults res = SummaryResults.read(List.of(dir));
        assertThat(FrontPage.title(res)).isEqualTo("lth-repro nightly: 1 reproduced · 1 in progress · 1 not run");
        String lines = FrontPage.text(FrontPage.lines(res));
        assertThat(lines).contains("In progress, no verdict yet (budgeted nights): LTH-10  " + PROGRESS)
                .contains("Not run here (data missing): STAB-2").doesNotContain("LTH-10  IN PROGRESS");
        assertThat(FrontPage.kind(SummaryClaims.byClaim(res.rows).get("LTH-10"))).isEqualTo("in progress");
    }

    @Test
    @DisplayName("claims.html and the Environment widget say in progress with the progress; the export keeps the verdict and why")
    void htmlEnvironmentExport() throws IOException {
        SummaryResults res = SummaryResults.read(List.of(dir));
        assertThat(SummaryHtml.of(res)).contains("<tr class=\"IN\"><td>LTH-10</td>")
                .contains("LTH-10 in progress (budgeted nights, no verdict yet): " + PROGRESS);
        SummaryHtml.writeEnvironment(dir, res);
        assertThat(Files.readString(dir.resolve("environment.properties"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("claim\\ LTH-10=IN PROGRESS (1/1 cases) \\u00b7 in progress\\: 40 of 95 runs done");
        var export = VerdictExport.read(dir);
        assertThat(export.claims()).containsEntry("LTH-10", "IN PROGRESS (1/1 cases)");
        assertThat(export.cases()).filteredOn(c -> "LTH-10".equals(c.get("claim")))
                .singleElement().satisfies(c -> assertThat(c.get("reason")).isEqualTo(PROGRESS));
    }

    @Test
    @DisplayName("a result without its case file falls back on the status message: IN PROGRESS, never REPRODUCED")
    void fallback() {
        assertThat(SummaryResults.fallbackVerdict("skipped", "IN PROGRESS: LTH-10 ...")).isEqualTo(CaseResult.IN_PROGRESS);
    }
}
