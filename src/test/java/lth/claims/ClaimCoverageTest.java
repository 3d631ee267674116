package lth.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import lth.claim.ClaimDirectory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adding a claim is a file, a test method and a nightly shard: a claim file without a {@link ClaimTest}
 * method in a {@code *ClaimIT} class (the classes failsafe runs) would never run, and one in no shard of a
 * workflow that runs claims by {@code -Dlth.claims.only} would never run at night. Both fail here, naming
 * the claim and the fix.
 */
class ClaimCoverageTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Claim id → the {@code Class.method} of every {@link ClaimTest} for it, across every *ClaimIT class of src/test/java. */
    static Map<String, List<String>> claimTestMethods() throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        Path root = Path.of("src/test/java");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(f -> f.getFileName().toString().endsWith("ClaimIT.java")).sorted().toList();
        }
        assertThat(files).as("*ClaimIT classes under %s", root).isNotEmpty();
        for (Path f : files) {
            String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", "");
            Class<?> c = Class.forName(name);
            for (Method m : c.getDeclaredMethods()) {
                ClaimTest t = m.getAnnotation(ClaimTest.class);
                if (t != null) out.computeIfAbsent(t.value(), k -> new ArrayList<>()).add(c.getSimpleName() + "." + m.getName());
            }
        }
        return out;
    }

    /** Claim id → the shards (workflow/job/matrix name) whose {@code claims} a job passes as {@code -Dlth.claims.only}. */
    static Map<String, List<String>> shards(Path workflows) throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(workflows)) {
            files = s.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
        for (Path f : files)
            for (var job : (Iterable<Map.Entry<String, JsonNode>>) YAML.readTree(f.toFile()).path("jobs")::fields) {
                boolean selects = false;
                for (JsonNode step : job.getValue().path("steps")) selects |= step.path("run").asText().contains("-Dlth.claims.only");
                if (!selects) continue;
                for (JsonNode shard : job.getValue().path("strategy").path("matrix").path("include"))
                    for (String id : shard.path("claims").asText().split(","))
                        if (!id.isBlank()) out.computeIfAbsent(id.strip(), k -> new ArrayList<>())
                                .add(f.getFileName() + "/" + job.getKey() + "/" + shard.path("name").asText());
            }
        return out;
    }

    /** What is missing for each claim (and each test naming no claim), as messages that say the fix. */
    static List<String> gaps(Set<String> claims, Map<String, List<String>> methods, Map<String, List<String>> shards) {
        List<String> out = new ArrayList<>();
        for (String id : claims) {
            List<String> m = methods.getOrDefault(id, List.of());
            if (m.isEmpty())
                out.add(id + " has no claim test method: add `@ClaimTest(\"" + id + "\") void ...(ClaimCase c, ClaimSession claims)"
                        + " { claims.verify(c); }` to a *ClaimIT class in src/test/java/lth/claims");
            else if (m.size() > 1) out.add(id + " has " + m.size() + " claim test methods " + m + ": its cases would run twice");
            if (!shards.containsKey(id)) out.add(id + " is in no nightly shard: add it to a shard's claims in .github/workflows/nightly.yml");
        }
        methods.forEach((id, m) -> { if (!claims.contains(id)) out.add("@ClaimTest(\"" + id + "\") in " + m + " names no claim file"); });
        return out;
    }

    @Test
    @DisplayName("every claim file has exactly one claim test method and a nightly shard; every claim test has a claim file")
    void everyClaimRuns() throws Exception {
        Set<String> claims = ClaimDirectory.scan(Path.of("claims")).ids();
        assertThat(claims).contains("LTH-1", "LMC-1", "STAB-1");
        assertThat(gaps(claims, claimTestMethods(), shards(Path.of(".github/workflows")))).isEmpty();
    }

    @Test
    @DisplayName("a new claim file without a test method or a shard is caught, naming the claim and the fix")
    void newClaimWithoutTestOrShardFails(@TempDir Path dir) throws Exception {
        try (Stream<Path> s = Files.list(Path.of("claims"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yaml")).toList()) Files.copy(f, dir.resolve(f.getFileName()));
        }
        Files.writeString(dir.resolve("XYZ-1.yaml"), Files.readString(Path.of("claims", "LTH-3.yaml")).replace("id: LTH-3", "id: XYZ-1"));
        List<String> gaps = gaps(ClaimDirectory.scan(dir).ids(), claimTestMethods(), shards(Path.of(".github/workflows")));
        assertThat(gaps).hasSize(2).allMatch(g -> g.startsWith("XYZ-1 "));
        assertThat(gaps.get(0)).contains("no claim test method", "@ClaimTest(\"XYZ-1\")");
        assertThat(gaps.get(1)).contains("no nightly shard");
    }
}
