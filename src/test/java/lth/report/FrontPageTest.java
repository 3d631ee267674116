package lth.report;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Overview's first screen: verdicts by claim instead of Allure's pass rate. */
class FrontPageTest {
    @TempDir
    Path dir;
    private int n;

    private void result(String feature, String status, String json) throws IOException {
        String id = "r" + (++n);
        Files.writeString(dir.resolve(id + "-attachment.json"), json);
        Files.writeString(dir.resolve(id + "-result.json"), """
                {"name":"x","status":"%s","statusDetails":{"message":"m"},"stop":1796174891950,
                 "labels":[{"name":"feature","value":"%s"}],
                 "parameters":[{"name":"profile","value":"quick"},{"name":"seeds","value":"[1, 2, 3]"},
                               {"name":"scale","value":"1500 iterations, eval every 50"}],
                 "attachments":[{"name":"claim-result.json","source":"%s-attachment.json"}]}
                """.formatted(status, feature, id));
    }

    private static String ran(String claim, int round, String verdict) {
        return """
                {"claim":"%s","comparison":"c","round":%d,"pm":10.0,"profile":"quick","dataset":"mnist-10k","verdict":"%s"}"""
                .formatted(claim, round, verdict);
    }

    private SummaryResults results() throws IOException {
        result("LTH-3 Tickets beat reinit", "passed", ran("LTH-3", 6, "REPRODUCED"));
        result("LTH-3 Tickets beat reinit", "skipped", ran("LTH-3", 10, "INCONCLUSIVE"));
        result("LTH-5 One-shot", "passed", ran("LTH-5", 6, "REPRODUCED"));
        result("LTH-1 Faster", "skipped", ran("LTH-1", 6, "INCONCLUSIVE"));
        result("LTH-6 Conv-2", "skipped", """
                {"claim":"LTH-6","comparison":"c","round":4,"profile":"quick","verdict":"NOT_RUN","not_run":"nightly-only","reason":"r"}""");
        return SummaryResults.read(List.of(dir));
    }

    @Test
    @DisplayName("the title counts claims by outcome; the lines name each claim that ran with scale, data and seeds, then the rest")
    void titleAndLines() throws IOException {
        SummaryResults res = results();
        assertThat(FrontPage.title(res)).isEqualTo("lth-repro quick: 1 reproduced · 1 partly · 1 inconclusive · 1 not run");
        String lines = FrontPage.lines(res);
        assertThat(lines).contains("LTH-3  INCONCLUSIVE 1/2, REPRODUCED 1/2 · quick: 1500 iterations · mnist-10k · seeds 1..3\n")
                .contains("LTH-5  REPRODUCED (1/1 cases)").contains("Not run here (nightly-only): LTH-6\n")
                .doesNotContain("LTH-6  ").contains("never a pass");
    }

    @Test
    @DisplayName("CSS: the donut hidden, the lines as an escaped string (quotes, line ends, non-ASCII)")
    void css() throws IOException {
        assertThat(FrontPage.cssString("a \"b\" \\ ·\nc")).isEqualTo("a \\\"b\\\" \\\\ \\0000B7 \\A c");
        String css = FrontPage.css(results());
        assertThat(css).contains(".summary-widget__chart { display: none; }").contains("content: \"Verdicts by claim")
                .doesNotContain("·").matches("(?s)[\\x00-\\x7f]*");
    }

    @Test
    @DisplayName("the plugin is written and enabled once; executor.json links to claims.html")
    void files(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/allure.yml"), "plugins:\n  - behaviors-plugin\n");
        SummaryResults res = results();
        FrontPage.writePlugin(home, res);
        FrontPage.writePlugin(home, res);
        assertThat(Files.readString(home.resolve("config/allure.yml"))).isEqualTo("plugins:\n  - behaviors-plugin\n  - lth-front-page\n");
        assertThat(home.resolve("plugins/lth-front-page/static/styles.css")).exists();
        assertThat(Files.readString(home.resolve("plugins/lth-front-page/allure-plugin.yml"))).contains("id: lth-front-page")
                .contains("  - styles.css");
        FrontPage.writeExecutor(dir, res);
        assertThat(Files.readString(dir.resolve("executor.json"))).contains("\"buildUrl\":\"claims.html\"");
    }
}
