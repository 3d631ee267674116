package lth.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsDirectoryTest {
    @Test
    void categoriesJsonHasTheSevenCategories(@TempDir Path dir) throws IOException {
        JsonNode json = new ObjectMapper().readTree(ResultsDirectory.writeCategories(dir).toFile());
        assertThat(json.isArray()).isTrue();
        assertThat(json).extracting(n -> n.get("name").asText()).containsExactly("Claim not reproduced",
                "Inconclusive (neither shown nor excluded)", "Data or hardware missing", "Infrastructure error",
                "Nightly profile only (cannot be shown at this scale)", "Data or hardware missing where the run requires it",
                "In progress (budgeted nights, no verdict yet)");
        assertThat(json.get(0).get("matchedStatuses").get(0).asText()).isEqualTo("failed");
        assertThat(json.get(3).has("messageRegex")).isFalse();
    }

    @Test
    void regexesMatchTheMessagesAsAllureSeesThem() {
        // Allure matches the whole status message (String.matches semantics).
        assertThat(matches(0, "NOT REPRODUCED: accuracy 0.95 < 0.98\nexpected: true")).isTrue();
        assertThat(matches(0, "[NOT REPRODUCED: x] \nExpecting ...")).isTrue();
        assertThat(matches(1, "Assumption failed: INCONCLUSIVE power 0.4")).isTrue();
        assertThat(matches(2, "SKIPPED: MNIST not found")).isTrue();
        assertThat(matches(2, "INCONCLUSIVE")).isFalse();
        assertThat(matches(4, "SKIPPED: LTH-6 runs in the nightly profile only: too slow")).isTrue();
        assertThat(matches(2, "SKIPPED: LTH-6 runs in the nightly profile only: too slow")).isFalse();
        assertThat(matches(5, "SKIPPED: LTH-6 needs the dataset 'cifar10' (fails this run: -Dlth.skipIsFailure=true and ...)"))
                .isTrue();
        assertThat(matches(5, "NOT REPRODUCED: LTH-6 ...")).isFalse();
        assertThat(matches(6, "Assumption failed: IN PROGRESS: LTH-10 · ...: 40 of 95 runs done")).isTrue();
        assertThat(matches(1, "IN PROGRESS: LTH-10")).isFalse();
        assertThat(matches(2, "IN PROGRESS: LTH-10")).isFalse();
    }

    @Test
    void environmentRoundTripsThroughPropertiesLoad(@TempDir Path dir) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("cpu.model", "Intel(R) Xeon(R) @ 2.20GHz");
        env.put("odd key", "a=b: c\nd ≥ é \\");
        Path f = ResultsDirectory.writeEnvironment(dir, env);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        assertThat(p).containsAllEntriesOf(env);
    }

    private static boolean matches(int category, String message) {
        return Pattern.compile(ResultsDirectory.CATEGORIES.get(category).messageRegex()).matcher(message).matches();
    }
}
