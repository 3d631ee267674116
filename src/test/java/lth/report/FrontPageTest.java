package lth.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Overview's first screen: verdicts by claim instead of Allure's pass rate. */
class FrontPageTest {
    @TempDir
    Path dir;
    private int n;

    private void result(String feature, String status, String json) throws IOException {
        String id = "r" + (++n);
        Files.writeString(dir.resolve(id + "-attachment.json"), json);
        Files.writeString(dir.resolve(id + "-result.json"), """
                {"name":"%s · case %d","status":"%s","statusDetails":{"message":"m"},"stop":1796174891950,
                 "labels":[{"name":"feature","value":"%s"}],
                 "parameters":[{"name":"profile","value":"quick"},{"name":"seeds","value":"[1, 2, 3]"},
                               {"name":"scale","value":"1500 iterations, eval every 50"}],
                 "attachments":[{"name":"claim-result.json","source":"%s-attachment.json"}]}
                """.formatted(feature.split(" ")[0], n, status, feature, id));
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
        assertThat(FrontPage.title(res)).isEqualTo("lth-repro quick: 1 reproduced · 1 partly reproduced · 1 inconclusive · 1 not run");
        String lines = FrontPage.text(FrontPage.lines(res));
        assertThat(lines).contains("LTH-3  INCONCLUSIVE 1/2, REPRODUCED 1/2 · quick: 1500 iterations · mnist-10k · seeds 1..3\n")
                .contains("LTH-5  REPRODUCED (1/1 cases)").contains("Not run here (nightly-only): LTH-6\n")
                .doesNotContain("LTH-6  ").contains("never a pass");
    }

    @Test
    @DisplayName("each claim is a link to its page: its first case that ran (else its first case), titled by the claim")
    void links() throws IOException {
        results();
        result("LTH-7 Conv-4", "skipped", """
                {"claim":"LTH-7","comparison":"c","round":2,"pm":50.0,"profile":"quick","verdict":"NOT_RUN","not_run":"nightly-only","reason":"r"}""");
        result("LTH-7 Conv-4", "passed", ran("LTH-7", 6, "REPRODUCED"));
        SummaryResults res = SummaryResults.read(List.of(dir));
        Map<String, FrontPage.Part> links = new TreeMap<>();
        FrontPage.lines(res).forEach(l -> l.stream().filter(p -> p.claim() != null).forEach(p -> links.put(p.claim(), p)));
        assertThat(links).containsOnlyKeys("LTH-1", "LTH-3", "LTH-5", "LTH-6", "LTH-7");
        assertThat(links.get("LTH-7").caseName()).as("its first case in reading order did not run").isEqualTo("LTH-7 · case 7");
        assertThat(links.get("LTH-3")).isEqualTo(new FrontPage.Part(
                "LTH-3  INCONCLUSIVE 1/2, REPRODUCED 1/2 · quick: 1500 iterations · mnist-10k · seeds 1..3",
                "LTH-3", "LTH-3 · case 1", "LTH-3 Tickets beat reinit"));
        assertThat(links.get("LTH-6")).as("a claim that did not run links to its case, which says why")
                .isEqualTo(new FrontPage.Part("LTH-6", "LTH-6", "LTH-6 · case 5", "LTH-6 Conv-2"));
        assertThatThrownBy(() -> new FrontPage.Part("REPRODUCED", "LTH-3", "", "")).as("the claim id is the link's visible part")
                .isInstanceOf(IllegalArgumentException.class);
        List<FrontPage.Part> notRun = FrontPage.lines(res).stream().filter(l -> l.get(0).text().startsWith("Not run")).findFirst().orElseThrow();
        assertThat(notRun).extracting(FrontPage.Part::text).containsExactly("Not run here (nightly-only): ", "LTH-6");
    }

    @Test
    @DisplayName("the script: the template with the lines as ASCII JSON in place of its marker; the CSS hides the donut")
    void script() throws IOException {
        String js = FrontPage.script(results());
        assertThat(js).doesNotContain(FrontPage.DATA).contains("var FRONT = {\"lines\":[[").contains("\\u00B7")
                .doesNotContain("·").matches("(?s)[\\x00-\\x7f]*");
        String json = js.substring(js.indexOf("var FRONT = ") + 12, js.indexOf(";\n", js.indexOf("var FRONT = ")));
        JsonNode lines = new ObjectMapper().readTree(json).path("lines");
        assertThat(lines.get(1).get(0).path("claim").asText()).isEqualTo("LTH-1");
        assertThat(lines.get(1).get(0).path("caseName").asText()).isEqualTo("LTH-1 · case 4");
        assertThat(lines.get(0).get(0).path("claim").isNull()).as("plain text has no link").isTrue();
        assertThat(FrontPage.CSS).contains(".summary-widget__chart { display: none; }");
    }

    @Test
    @DisplayName("the plugin (CSS and script) is written and enabled once; executor.json links to claims.html")
    void files(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/allure.yml"), "plugins:\n  - behaviors-plugin\n");
        SummaryResults res = results();
        FrontPage.writePlugin(home, res);
        FrontPage.writePlugin(home, res);
        assertThat(Files.readString(home.resolve("config/allure.yml"))).isEqualTo("plugins:\n  - behaviors-plugin\n  - lth-front-page\n");
        assertThat(home.resolve("plugins/lth-front-page/static/styles.css")).exists();
        assertThat(Files.readString(home.resolve("plugins/lth-front-page/static/index.js"))).contains("\"claim\":\"LTH-3\"");
        assertThat(Files.readString(home.resolve("plugins/lth-front-page/allure-plugin.yml"))).contains("id: lth-front-page")
                .contains("cssFiles:\n  - styles.css\n").contains("jsFiles:\n  - index.js\n");
        FrontPage.writeExecutor(dir, res);
        assertThat(Files.readString(dir.resolve("executor.json"))).contains("\"buildUrl\":\"claims.html\"");
    }
}
