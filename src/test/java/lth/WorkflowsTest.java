package lth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import lth.claims.ClaimArguments;
import lth.claim.ClaimFiles;
import lth.claim.ClaimSpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's rules for .github/workflows that actionlint (scripts/lint-workflows) does not know:
 * step and job shapes, cache keys that cannot contain a comma, one Maven cache per workflow, every
 * nightly claim in exactly one shard (CAL-1 once), and a nightly that fails on a skip.
 */
class WorkflowsTest {
    static final Path DIR = Path.of(".github/workflows");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Expressions allowed in a cache key: none of them can expand to a comma. */
    static final Pattern SAFE_KEY_EXPRESSION = Pattern.compile(
            "hashFiles\\(.*\\)|github\\.run_(id|attempt)|matrix\\.name|steps\\.keys\\.outputs\\.[a-z_]+|runner\\.os");
    static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");

    static Map<String, JsonNode> workflows() throws IOException {
        Map<String, JsonNode> all = new TreeMap<>();
        try (var files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).toList())
                all.put(f.getFileName().toString(), YAML.readTree(f.toFile()));
        }
        assertThat(all).containsKeys("nightly.yml", "quick.yml");
        return all;
    }

    static List<JsonNode> steps(JsonNode wf) {
        List<JsonNode> out = new ArrayList<>();
        wf.path("jobs").forEach(job -> job.path("steps").forEach(out::add));
        return out;
    }

    static boolean isCache(JsonNode step) { return step.path("uses").asText().startsWith("actions/cache"); }

    @Test
    @DisplayName("jobs have runs-on and a list of steps; each step either uses an action or runs a script; every needs exists")
    void shapes() throws IOException {
        workflows().forEach((file, wf) -> {
            assertThat(wf.path("jobs").isObject()).as("%s: jobs", file).isTrue();
            wf.path("jobs").fields().forEachRemaining(e -> {
                String job = file + " job " + e.getKey();
                JsonNode j = e.getValue();
                if (!j.has("uses")) {
                    assertThat(j.has("runs-on")).as("%s: runs-on", job).isTrue();
                    assertThat(j.path("steps").isArray() && !j.path("steps").isEmpty()).as("%s: steps", job).isTrue();
                }
                j.path("steps").forEach(s -> assertThat(s.has("uses") ^ s.has("run"))
                        .as("%s: step %s has exactly one of uses/run", job, s).isTrue());
                List<String> needs = new ArrayList<>();
                if (j.path("needs").isTextual()) needs.add(j.path("needs").asText());
                j.path("needs").forEach(n -> needs.add(n.asText()));
                for (String n : needs) assertThat(wf.path("jobs").has(n)).as("%s needs %s", job, n).isTrue();
            });
        });
    }

    @Test
    @DisplayName("no actions/cache key or restore key can contain a comma (literal or from an expression)")
    void cacheKeysHaveNoComma() throws IOException {
        int keys = 0;
        for (var e : workflows().entrySet())
            for (JsonNode s : steps(e.getValue())) {
                if (!isCache(s)) continue;
                List<String> all = new ArrayList<>(List.of(s.path("with").path("key").asText()));
                all.addAll(s.path("with").path("restore-keys").asText().lines().filter(l -> !l.isBlank()).toList());
                for (String key : all) {
                    keys++;
                    Matcher m = EXPRESSION.matcher(key);
                    while (m.find())
                        assertThat(m.group(1)).as("%s: expression in cache key %s", e.getKey(), key).matches(SAFE_KEY_EXPRESSION);
                    assertThat(EXPRESSION.matcher(key).replaceAll("")).as("%s: cache key %s", e.getKey(), key).doesNotContain(",");
                }
            }
        assertThat(keys).isGreaterThanOrEqualTo(8);
        for (JsonNode shard : workflows().get("nightly.yml").path("jobs").path("shard").path("strategy").path("matrix").path("include"))
            assertThat(shard.path("name").asText()).as("a shard name goes into cache keys").matches("[a-z0-9-]+");
    }

    @Test
    @DisplayName("each workflow saves its Maven repository under its own key prefix; none uses setup-java's shared cache")
    void ownMavenCaches() throws IOException {
        Map<String, String> owner = new HashMap<>();
        for (var e : workflows().entrySet())
            for (JsonNode s : steps(e.getValue())) {
                assertThat(s.path("with").has("cache")).as("%s: %s (one key for every workflow)", e.getKey(), s).isFalse();
                if (!isCache(s) || !s.path("with").path("path").asText().contains(".m2")) continue;
                String prefix = s.path("with").path("key").asText().split("\\$\\{\\{")[0];
                if (s.path("uses").asText().startsWith("actions/cache/restore")) continue;   // reading another's is fine
                String before = owner.putIfAbsent(prefix, e.getKey());
                assertThat(before == null || before.equals(e.getKey())).as("Maven cache prefix %s saved by %s and %s",
                        prefix, before, e.getKey()).isTrue();
            }
        assertThat(owner.values()).contains("nightly.yml", "quick.yml");
    }

    @Test
    @DisplayName("nightly shards: every claim with a nightly scale is in exactly one shard, CAL-1 once, allowed skips are the shard's own")
    void everyNightlyClaimInOneShard() throws IOException {
        Map<String, Integer> count = new TreeMap<>();
        for (ClaimSpec c : ClaimFiles.loadAll(Path.of("claims")).values()) if (c.has("nightly")) count.put(c.id(), 0);
        count.put(ClaimArguments.CALIBRATION, 0);
        for (JsonNode shard : workflows().get("nightly.yml").path("jobs").path("shard").path("strategy").path("matrix").path("include")) {
            List<String> ids = List.of(shard.path("claims").asText().split(","));
            for (String id : ids) {
                assertThat(count).as("shard %s: %s is no nightly claim", shard.path("name").asText(), id).containsKey(id);
                count.merge(id, 1, Integer::sum);
            }
            assertThat(YAML.readTree(shard.path("runner").asText()).isArray()).as("runner is a JSON list").isTrue();
            for (var f : (Iterable<Map.Entry<String, JsonNode>>) shard::fields)
                if (f.getKey().startsWith("allow_skip"))
                    assertThat(ids).as("shard %s allows skipping only its own claims", shard.path("name").asText())
                            .containsAll(List.of(f.getValue().asText().split(",")));
        }
        assertThat(count).as("shards per claim").allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    }

    @Test
    @DisplayName("the nightly's claims step fails on a skip (-Dlth.skipIsFailure=true, -Dlth.allowSkip) and gets the fetched data")
    void nightlyFailsOnSkips() throws IOException {
        String run = steps(workflows().get("nightly.yml")).stream().filter(s -> "claims".equals(s.path("id").asText()))
                .findFirst().orElseThrow().path("run").asText();
        assertThat(run).contains("-Dlth.skipIsFailure=true", "-Dlth.allowSkip=", "$LTH_DATA_FLAGS", "-Dlth.claims.only=");
        assertThat(steps(workflows().get("nightly.yml"))).anyMatch(s -> s.path("run").asText().contains("scripts/fetch-data"));
    }

    @Test
    @DisplayName("every shard trains within a budget (-Dlth.budget.minutes) at least two hours below its job's timeout")
    void nightlyHasABudgetPerShard() throws IOException {
        JsonNode shard = workflows().get("nightly.yml").path("jobs").path("shard");
        int timeout = shard.path("timeout-minutes").asInt();
        for (JsonNode s : shard.path("strategy").path("matrix").path("include"))
            assertThat(s.path("budget_minutes").asInt()).as("shard %s: budget_minutes", s.path("name").asText())
                    .isPositive().isLessThanOrEqualTo(timeout - 120);
        String run = steps(workflows().get("nightly.yml")).stream().filter(s -> "claims".equals(s.path("id").asText()))
                .findFirst().orElseThrow().path("run").asText();
        assertThat(run).contains("-Dlth.budget.minutes=\"$BUDGET_MINUTES\"");
        assertThat(shard.path("env").path("BUDGET_MINUTES").asText()).contains("matrix.budget_minutes");
    }

    @Test
    @DisplayName("merge-reports with no result files stops with a message (not a bare exit 1)")
    void mergeReportsWithoutResults(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("allure-results-lenet"));
        Process p = new ProcessBuilder("bash", "scripts/merge-reports", empty.toString(), tmp.resolve("out").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isEqualTo(3);
        assertThat(out).contains("merge-reports: no test results (*-result.json) in " + empty);
    }
}
