package lth.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Files Allure reads from the results directory besides the test results: environment.properties
 * (shown as "Environment" on the overview) and categories.json (how failures are grouped).
 */
public final class ResultsDirectory {
    /** Message prefixes the claim tests use; the categories below match on them. */
    public static final String NOT_REPRODUCED = "NOT REPRODUCED";
    public static final String INCONCLUSIVE = "INCONCLUSIVE";
    public static final String MISSING = "SKIPPED:";
    public static final String IN_PROGRESS = CaseResult.IN_PROGRESS;

    /** One entry of categories.json; null fields are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Category(String name, List<String> matchedStatuses, String messageRegex) {}

    /** What follows "SKIPPED:" when a claim file defers the claim to the nightly profile. */
    static final String NIGHTLY_ONLY = " \\S+ runs in the nightly profile only";

    /**
     * (?s) because messages span lines (assertion detail follows the first line). The optional
     * prefixes are what JUnit puts before an assumption's message and AssertJ around a description.
     */
    public static final List<Category> CATEGORIES = List.of(
            new Category("Claim not reproduced", List.of("failed"), "(?s)\\[?" + NOT_REPRODUCED + ".*"),
            new Category("Inconclusive (neither shown nor excluded)", List.of("skipped"),
                    "(?s)(Assumption failed: )?" + INCONCLUSIVE + ".*"),
            new Category("Data or hardware missing", List.of("skipped"),
                    "(?s)(Assumption failed: )?" + MISSING + "(?!" + NIGHTLY_ONLY + ").*"),
            new Category("Infrastructure error", List.of("broken"), null),
            new Category("Nightly profile only (cannot be shown at this scale)", List.of("skipped"),
                    "(?s)(Assumption failed: )?" + MISSING + NIGHTLY_ONLY + ".*"),
            // -Dlth.skipIsFailure (the nightly): the skip's own message, as a failure
            new Category("Data or hardware missing where the run requires it", List.of("failed"), "(?s)" + MISSING + ".*"),
            // -Dlth.budget.minutes (the nightly): a claim whose runs a night did not finish; no verdict, never a pass
            new Category("In progress (budgeted nights, no verdict yet)", List.of("skipped"),
                    "(?s)(Assumption failed: )?" + IN_PROGRESS + ".*"));


    private ResultsDirectory() {}

    /** Where allure-java writes: system property allure.results.directory, else its default. */
    public static Path path() {
        return Path.of(System.getProperty("allure.results.directory", "allure-results"));
    }

    /** Writes both files into {@link #path()}. */
    public static void writeAll() throws IOException {
        Path dir = path();
        writeCategories(dir);
        writeEnvironment(dir, Provenance.collect().entries());
    }

    public static Path writeCategories(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("categories.json"), categoriesJson(), StandardCharsets.UTF_8);
    }

    public static String categoriesJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(CATEGORIES);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Written by hand rather than with Properties.store so the order is kept; escaped to ASCII
     * because Allure reads the file with Properties.load (ISO-8859-1).
     */
    public static Path writeEnvironment(Path dir, Map<String, String> entries) throws IOException {
        Files.createDirectories(dir);
        StringBuilder sb = new StringBuilder();
        entries.forEach((k, v) -> sb.append(escape(k, true)).append('=').append(escape(v, false)).append('\n'));
        return Files.writeString(dir.resolve("environment.properties"), sb, StandardCharsets.ISO_8859_1);
    }

    static String escape(String s, boolean key) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '=', ':', '#', '!' -> sb.append('\\').append(c);
                case ' ' -> sb.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
