package lth.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lth.cli.Lth;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** lth export: verdicts from hand-made Allure results and from the claims' CSVs, as JSON and CSV. */
class VerdictExportTest {
    @TempDir
    Path dir;
    private int n;

    private void result(String feature, String status, String message, String params, String json) throws IOException {
        String id = "r" + (++n);
        String attachments = "[]";
        if (json != null) {
            Files.writeString(dir.resolve(id + "-attachment.json"), json);
            attachments = "[{\"name\":\"claim-result.json\",\"source\":\"" + id + "-attachment.json\"}]";
        }
        Files.writeString(dir.resolve(id + "-result.json"), """
                {"name":"case %d","status":"%s","statusDetails":{"message":"%s"},"stop":1796174891950,
                 "labels":[{"name":"feature","value":"%s"}],"parameters":[%s],"attachments":%s}
                """.formatted(n, status, message, feature, params, attachments));
    }

    private void allureResults() throws IOException {
        Files.writeString(dir.resolve("environment.properties"), "git.commit=99b6e58c05f615c5\nnd4j.backend=a.b.CpuBackend\n");
        result("LTH-3 Winning tickets beat random reinitialization", "passed", "",
                "{\"name\":\"profile\",\"value\":\"quick\"},{\"name\":\"seeds\",\"value\":\"[1, 2, 3]\"}", """
                {"claim":"LTH-3","comparison":"ticket beats reinit","a":"ticket","b":"reinit","metric":"test_accuracy_at_es",
                 "relative":false,"round":6,"pm":26.3,"profile":"quick","dataset":"mnist-10k","iterations":1500,"seeds":3,"n":3,
                 "effect_mean":1.05,"effect_ci_low":0.89,"effect_ci_high":1.21,"ci_level":0.9,"mean_a":97.9,"mean_b":96.85,
                 "p_adjusted":5e-6,"power":"NaN","verdict":"REPRODUCED","backend":"CpuBackend"}""");
        result("LTH-3 Winning tickets beat random reinitialization", "skipped", "INCONCLUSIVE: early stop not reached\\nmore",
                "{\"name\":\"profile\",\"value\":\"quick\"}", """
                {"claim":"LTH-3","comparison":"ticket stops earlier","round":6,"pm":26.3,"profile":"quick","verdict":"INCONCLUSIVE"}""");
        result("LTH-10 VGG-19 at learning rate 0.1 without warmup has no winning tickets", "skipped", "SKIPPED: x",
                "{\"name\":\"seeds\",\"value\":\"[1, 2]\"}", """
                {"claim":"LTH-10","comparison":"no better than reinit","round":14,"pm":7.0,"profile":"quick","verdict":"NOT_RUN",
                 "not_run":"nightly-only","reason":"SKIPPED: LTH-10 runs in the nightly profile only: no CIFAR-10"}""");
        // written before cases carried claim-result.json: the verdict its status implies
        result("STAB-2 Late resetting on ImageNet", "failed", "NOT REPRODUCED: too slow", "", null);
        result("not a claim", "passed", "", "", null);
    }

    @Test
    @DisplayName("Allure results: one case per claim result with the attachment's numbers, NaN as null, per-claim verdicts")
    void allure() throws IOException {
        allureResults();
        VerdictExport.Export e = VerdictExport.read(dir);
        assertThat(e.format()).isEqualTo("allure");
        assertThat(e.cases()).extracting(c -> c.get("claim")).containsExactly("LTH-3", "LTH-3", "LTH-10", "STAB-2");
        var first = e.cases().get(0);
        assertThat(first.get("comparison")).isEqualTo("ticket beats reinit");
        assertThat(first.get("effect_mean")).isEqualTo(1.05);
        assertThat(first.get("p_holm")).isEqualTo(5e-6);
        assertThat(first.get("pm_percent")).isEqualTo(26.3);
        assertThat(first.get("power")).as("NaN is no number").isNull();
        assertThat(first.get("seeds")).isEqualTo("[1, 2, 3]");
        assertThat(first.get("commit")).isEqualTo("99b6e58c05f615c5");
        assertThat(e.cases().get(1).get("reason")).isEqualTo("INCONCLUSIVE: early stop not reached");
        assertThat(e.cases().get(2).get("verdict")).isEqualTo("NOT RUN");
        assertThat(e.cases().get(2).get("seeds")).as("nothing ran").isNull();
        assertThat(e.cases().get(2).get("backend")).isEqualTo("CpuBackend");
        assertThat(e.cases().get(3).get("verdict")).isEqualTo("NOT REPRODUCED");
        assertThat(e.claims()).containsExactly(java.util.Map.entry("LTH-3", "INCONCLUSIVE 1/2, REPRODUCED 1/2"),
                java.util.Map.entry("LTH-10", "NOT RUN (1/1 cases)"), java.util.Map.entry("STAB-2", "NOT REPRODUCED (1/1 cases)"));

        JsonNode json = new ObjectMapper().readTree(VerdictExport.json(e));
        assertThat(json.path("cases")).hasSize(4);
        assertThat(json.path("claims").path("LTH-10").asText()).isEqualTo("NOT RUN (1/1 cases)");
        assertThat(json.path("cases").get(0).path("power").isNull()).isTrue();
        List<String> lines = VerdictExport.csv(e).lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo(String.join(",", VerdictExport.COLUMNS));
        assertThat(lines.get(1)).startsWith("LTH-3,quick,false,ticket beats reinit,ticket,reinit,test_accuracy_at_es,false,6,26.3,");
    }

    @Test
    @DisplayName("the claims' CSVs (target/lth-results with a folder per profile): the same columns, seed groups left out")
    void csvResults() throws IOException {
        Path quick = dir.resolve("quick");
        List<Object> row = new java.util.ArrayList<>(java.util.Collections.nCopies(TierResults.VERDICT_COLUMNS.size(), ""));
        var cols = TierResults.VERDICT_COLUMNS;
        java.util.function.BiConsumer<String, Object> set = (k, v) -> row.set(cols.indexOf(k), v);
        set.accept("claim", "LTH-1"); set.accept("profile", "quick"); set.accept("pilot", "false");
        set.accept("comparison", "stops earlier"); set.accept("round", 6); set.accept("mean_effect", 0.25);
        set.accept("ci_low", 0.05); set.accept("ci_high", 0.41); set.accept("p_holm", 0.058); set.accept("p", "NaN");
        set.accept("seeds", "[1, 2]"); set.accept("verdict", "INCONCLUSIVE"); set.accept("explanation", "neither, nor");
        Csv.write(quick.resolve("LTH-1.verdicts.csv"), cols, List.of(row));
        Csv.write(quick.resolve("LTH-1.seeds-1-1.verdicts.csv"), cols, List.of(row));   // a piece: not a verdict
        Csv.write(quick.resolve("LTH-1.csv"), TierResults.RUN_COLUMNS, List.of());

        VerdictExport.Export e = VerdictExport.read(dir);
        assertThat(e.format()).isEqualTo("csv");
        assertThat(e.cases()).hasSize(1);
        var c = e.cases().get(0);
        assertThat(c.get("effect_mean")).isEqualTo(0.25);
        assertThat(c.get("round")).isEqualTo(6L);
        assertThat(c.get("p_holm")).isEqualTo(0.058);
        assertThat(c.get("reason")).isEqualTo("neither, nor");
        assertThat(c.get("pilot")).isEqualTo(false);
        assertThat(VerdictExport.read(quick).cases()).hasSize(1);
    }

    @Test
    @DisplayName("lth export writes both files; a folder without verdicts is an error naming it")
    void command(@TempDir Path out) throws IOException {
        allureResults();
        StringWriter so = new StringWriter(), se = new StringWriter();
        var cl = Lth.commandLine();
        cl.setOut(new PrintWriter(so));
        cl.setErr(new PrintWriter(se));
        int code = cl.execute("export", dir.toString(), "--json", out.resolve("v.json").toString(), "--csv", out.resolve("v.csv").toString());
        assertThat(code).as(se.toString()).isZero();
        assertThat(so.toString()).contains("4 cases of 3 claims").contains("LTH-3   INCONCLUSIVE 1/2, REPRODUCED 1/2");
        assertThat(Files.readString(out.resolve("v.csv")).lines()).hasSize(5);
        assertThat(new ObjectMapper().readTree(out.resolve("v.json").toFile()).path("cases")).hasSize(4);

        assertThatThrownBy(() -> VerdictExport.read(out)).hasMessageContaining("no claim verdicts in");
        assertThat(cl.execute("export", out.resolve("absent").toString())).isEqualTo(1);
        assertThat(se.toString()).contains("lth export: no results directory");
    }
}
