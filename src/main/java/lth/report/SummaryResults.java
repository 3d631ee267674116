package lth.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.*;
import java.util.stream.Stream;

/**
 * Reads Allure results folders into summary rows. Everything a case's row shows (title, comparison, scale,
 * seeds, the paper's effect, our numbers, the verdict, why it did not run) comes from its typed
 * {@value CaseResult#NAME} attachment ({@link CaseResult}); only results written before a case carried one
 * fall back to the Allure status, labels and parameters (and then show no paper effect). The calibration
 * claim (CAL-1) is read apart, with the tables its test attached.
 */
public final class SummaryResults {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The attachment of the calibration claim that holds its tables (Markdown). */
    static final String CALIBRATION_TABLES = "A/A false-positive rates";

    public final List<SummaryRow> rows = new ArrayList<>();
    public final List<SummaryRow.Calibration> calibration = new ArrayList<>();

    private SummaryResults() { }

    public static SummaryResults read(List<Path> dirs) throws IOException {
        SummaryResults out = new SummaryResults();
        for (Path dir : dirs) {
            Properties env = new Properties();
            Path f = dir.resolve("environment.properties");
            if (Files.exists(f)) try (Reader r = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) { env.load(r); }
            String commit = env.getProperty("git.commit", "unknown");
            if (commit.length() > 12) commit = commit.substring(0, 12);
            if ("true".equals(env.getProperty("git.dirty"))) commit += " (dirty)";
            String backend = env.getProperty("nd4j.backend", "unknown").replaceAll(".*\\.", "");
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.getFileName().toString().endsWith("-result.json")).sorted().toList();
            }
            for (Path r : files) out.add(dir, JSON.readTree(r.toFile()), commit, backend);
        }
        out.rows.sort(SummaryRow.ORDER);
        return out;
    }

    private void add(Path dir, JsonNode res, String commit, String backend) throws IOException {
        Map<String, String> labels = new HashMap<>(), params = new HashMap<>();
        res.path("labels").forEach(l -> labels.putIfAbsent(l.path("name").asText(), l.path("value").asText()));
        res.path("parameters").forEach(p -> params.put(p.path("name").asText(), p.path("value").asText()));
        String feature = labels.getOrDefault("feature", "");
        if (!feature.matches("[A-Z]+-[0-9]+ .*")) return;           // not a claim case
        String claim = feature.substring(0, feature.indexOf(' '));
        String status = res.path("status").asText(), message = res.path("statusDetails").path("message").asText("");
        String date = res.has("stop") ? DateTimeFormatter.ISO_LOCAL_DATE.format(
                Instant.ofEpochMilli(res.path("stop").asLong()).atZone(ZoneOffset.UTC)) : SummaryRow.NONE;
        if (claim.equals(CaseResult.CALIBRATION)) {
            String tables = attachmentText(dir, res, CALIBRATION_TABLES);
            String outcome = status.equals("passed") ? "passed" : status.toUpperCase(Locale.ROOT)
                    + (message.isBlank() ? "" : ": " + message.lines().findFirst().orElse(""));
            calibration.add(new SummaryRow.Calibration(claim, feature.substring(feature.indexOf(' ') + 1), outcome,
                    tables == null ? "" : tables.strip(), params.getOrDefault("profile", labels.getOrDefault("tag", SummaryRow.NONE)),
                    date, commit));
            return;
        }
        JsonNode j = attachment(dir, res);
        String name = res.path("name").asText("");
        rows.add(j != null ? row(CaseResult.read(j), feature, params, date, commit, backend, name) : legacy(claim, feature, status,
                message, params, res, labels, date, commit, backend, name));
    }

    /** A case's row from its typed result (the scale and seeds of one written before it carried them: the case's parameters). */
    private static SummaryRow row(CaseResult r, String feature, Map<String, String> params, String date, String commit, String backend,
                                  String name) {
        CaseResult.Case c = r.identity();
        boolean ran = r.notRun().isEmpty();
        CaseResult.Measured m = r.measured();
        String title = c.title() != null ? c.title() : feature.substring(feature.indexOf(' ') + 1);
        String progress = r.inProgress() ? r.progress().text() : "";
        String scale = !ran || m == null ? SummaryRow.NONE : c.profile() + ": "
                + Objects.requireNonNullElse(m.scale(), params.getOrDefault("scale", SummaryRow.NONE)).replaceAll(", width 1\\.00$", "");
        return new SummaryRow(c.claim(), title, c.comparison(), c.pm(), c.round(),
                c.paperEffect() == null || Double.isNaN(c.pm()) ? SummaryRow.NONE : c.paperEffect(),
                m != null ? effect(c, m) : r.inProgress() ? "in progress: %d/%d runs".formatted(r.progress().runsDone(),
                        r.progress().runsNeeded()) : ran ? "not measured" : SummaryRow.NONE,
                !ran || m == null ? SummaryRow.NONE : m.dataset(),
                c.profile(), scale, !ran || m == null ? SummaryRow.NONE
                : seeds(Objects.requireNonNullElse(m.seedList(), params.getOrDefault("seeds", SummaryRow.NONE))), r.verdict().replace('_', ' '),
                r.notRun(), c.disclosure(), date, commit, backend, name, progress);
    }

    /** A case written before cases carried {@value CaseResult#NAME}: what its status, labels and parameters say. */
    private static SummaryRow legacy(String claim, String feature, String status, String message, Map<String, String> params,
                                     JsonNode res, Map<String, String> labels, String date, String commit, String backend,
                                     String name) {
        String verdict = fallbackVerdict(status, message);
        String notRun = verdict.endsWith("NOT RUN") ? NotRun.kind(message) : "";
        boolean ran = notRun.isEmpty();
        String profile = params.getOrDefault("profile", labels.getOrDefault("tag", SummaryRow.NONE));
        String scale = !ran ? SummaryRow.NONE : profile + ": " + params.getOrDefault("scale", SummaryRow.NONE)
                .replaceAll(", width 1\\.00$", "");
        return new SummaryRow(claim, feature.substring(feature.indexOf(' ') + 1), comparisonOf(params, res),
                parse(params.get("Pm (% weights remaining)")), (int) parse(params.get("pruning round")), SummaryRow.NONE,
                ran ? "not measured" : SummaryRow.NONE, ran ? params.getOrDefault("dataset", SummaryRow.NONE) : SummaryRow.NONE,
                profile, scale, ran ? seeds(params.getOrDefault("seeds", SummaryRow.NONE)) : SummaryRow.NONE, verdict, notRun, "",
                date, commit, backend, name, "");
    }

    /** For results written before cases carried {@value CaseResult#NAME}: the verdict their status implies. */
    static String fallbackVerdict(String status, String message) {
        return switch (status) {
            case "passed" -> "REPRODUCED";
            case "skipped" -> message.startsWith("INCONCLUSIVE") ? "INCONCLUSIVE"
                    : message.startsWith(CaseResult.IN_PROGRESS) ? CaseResult.IN_PROGRESS : "NOT RUN";
            case "failed" -> message.startsWith("NOT REPRODUCED") ? "NOT REPRODUCED"
                    : message.startsWith("SKIPPED") ? "REQUIRED BUT NOT RUN" : "ERROR";
            default -> "ERROR";
        };
    }

    private static String comparisonOf(Map<String, String> params, JsonNode res) {
        String[] parts = params.getOrDefault("c", res.path("name").asText()).split(" · ");
        return parts.length >= 3 ? parts[1] : params.getOrDefault("comparison", SummaryRow.NONE);
    }

    /** "[1, 2, 3]" → "1..3" when consecutive; other lists as given. */
    static String seeds(String list) {
        String prefix = list.startsWith("PILOT ") ? "PILOT " : "";
        String body = list.substring(prefix.length()).replaceAll("[\\[\\] ]", "");
        try {
            long[] s = Arrays.stream(body.split(",")).mapToLong(Long::parseLong).toArray();
            for (int i = 1; i < s.length; i++) if (s[i] != s[i - 1] + 1) return list;
            return s.length > 1 ? prefix + s[0] + ".." + s[s.length - 1] : list;
        } catch (NumberFormatException e) {
            return list;
        }
    }

    /** The effect, oriented so positive supports the claim: relative ones in %, accuracy in percentage points. */
    static String effect(CaseResult.Case c, CaseResult.Measured m) {
        double mean = m.effectMean(), lo = m.effectCiLow(), hi = m.effectCiHigh();
        int ci = (int) Math.round(100 * m.ciLevel());
        if (c.relative()) return "%+.1f%% (%d%% CI %+.1f..%+.1f%%)".formatted(100 * mean, ci, 100 * lo, 100 * hi);
        String unit = c.metric() != null && c.metric().contains("accuracy") ? " pp" : "";
        return "%+.2f%s (%d%% CI %+.2f..%+.2f)".formatted(mean, unit, ci, lo, hi);
    }

    private static JsonNode attachment(Path dir, JsonNode res) throws IOException {
        String text = attachmentText(dir, res, CaseResult.NAME);
        return text == null ? null : JSON.readTree(text);
    }

    private static String attachmentText(Path dir, JsonNode res, String name) throws IOException {
        for (JsonNode a : res.path("attachments"))
            if (a.path("name").asText().equals(name)) {
                Path f = dir.resolve(a.path("source").asText());
                if (Files.exists(f)) return Files.readString(f, StandardCharsets.UTF_8);
            }
        return null;
    }

    private static double parse(String s) {
        try {
            return s == null ? Double.NaN : Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
