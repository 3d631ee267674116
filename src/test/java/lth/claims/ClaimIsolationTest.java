package lth.claims;

import lth.claim.ClaimCase;
import lth.claim.ClaimDirectory;
import lth.claim.ClaimFileException;
import lth.claim.ClaimFiles;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * One malformed claim file errors only its own claim's cases: run under the JUnit launcher on a
 * claims directory ({@code -Dlth.claims}) holding a misspelled LTH-3 ({@code statistcs:}) and a good LTH-5.
 */
class ClaimIsolationTest {
    private static final String MISSPELT = "LTH-3.yaml: field 'statistcs'";
    @TempDir
    Path dir;
    private final Map<String, String> saved = new HashMap<>();

    /** Two claims read from the temporary directory; the bodies only count their cases (nothing is trained). */
    static class Fixture {
        static final List<String> RAN = Collections.synchronizedList(new ArrayList<>());

        @ClaimTest("LTH-3")
        void broken(ClaimCase c) { RAN.add(c.toString()); }

        @ClaimTest("LTH-5")
        void sound(ClaimCase c) { RAN.add(c.toString()); }
    }

    @BeforeEach
    void claimsDirectory() throws IOException {
        Files.writeString(dir.resolve("LTH-3.yaml"), Files.readString(Path.of("claims", "LTH-3.yaml"))
                .replaceFirst("(?m)^statistics:", "statistcs:"));
        Files.copy(Path.of("claims", "LTH-5.yaml"), dir.resolve("LTH-5.yaml"));
        for (String k : List.of("lth.claims", "lth.profile", ClaimArguments.ONLY)) saved.put(k, System.getProperty(k));
        System.setProperty("lth.claims", dir.toString());
        System.setProperty("lth.profile", "quick");
        System.clearProperty(ClaimArguments.ONLY);
        Fixture.RAN.clear();
    }

    @AfterEach
    void restore() {
        saved.forEach((k, v) -> { if (v == null) System.clearProperty(k); else System.setProperty(k, v); });
    }

    @Test
    @DisplayName("the misspelt claim fails with its file's error as the message; the other claim runs every case")
    void badFileErrorsOnlyItsClaim() {
        Map<String, TestExecutionResult> results = new LinkedHashMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult r) { results.put(id.getDisplayName(), r); }
        };
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Fixture.class)).build(), listener);

        TestExecutionResult broken = results.get("broken(ClaimCase)");
        assertThat(broken.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        Throwable why = broken.getThrowable().orElseThrow();
        assertThat(why).isInstanceOf(ClaimFileException.class);            // not wrapped by JUnit
        assertThat(why.getMessage()).startsWith(MISSPELT).contains("unknown field");
        assertThat(results.get("sound(ClaimCase)").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        int lth5 = ClaimArguments.cases(ClaimFiles.load(dir.resolve("LTH-5.yaml")), "quick").size();
        assertThat(Fixture.RAN).hasSize(lth5).allMatch(s -> s.startsWith("LTH-5 · "));
    }

    @Test
    @DisplayName("the directory keeps the sound claims and files the bad one's error under its id")
    void directoryIsolates() {
        ClaimDirectory d = ClaimDirectory.scan(dir);
        assertThat(d.claims()).containsOnlyKeys("LTH-5");
        assertThat(d.ids()).containsExactly("LTH-3", "LTH-5");
        assertThatThrownBy(() -> d.get("LTH-3")).isInstanceOf(ClaimFileException.class).hasMessageStartingWith(MISSPELT);
        assertThatThrownBy(d::strict).hasMessageStartingWith(MISSPELT);
        assertThat(ClaimArguments.selected("LTH-5", "LTH-3,LTH-5")).isTrue();   // a bad file's id is still known
        assertThatThrownBy(() -> ClaimArguments.selected("LTH-5", "LTH-5,LTH-33"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LTH-33");
    }

    @Test
    @DisplayName("a file whose YAML does not parse is filed under its file name")
    void unparsableFileByName() throws IOException {
        Files.writeString(dir.resolve("LTH-9.yaml"), "id: [unclosed\n");
        ClaimDirectory d = ClaimDirectory.scan(dir);
        assertThat(d.errors()).containsKeys("LTH-3", "LTH-9");
        assertThat(d.claims()).containsOnlyKeys("LTH-5");
        assertThatThrownBy(() -> d.get("LTH-9")).hasMessageStartingWith("LTH-9.yaml: not valid YAML");
    }
}
