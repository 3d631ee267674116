package lth.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lth.claim.ClaimArguments;
import lth.claim.ClaimSpec;
import lth.claim.NotRun;
import lth.claim.ResultJson;

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
 * Reads Allure results folders into summary rows. A case's numbers, verdict and, for a case that did not
 * run, the reason come from its typed {@value ResultJson#NAME} attachment; only results written before a
 * case carried one fall back to the Allure status and its message. The calibration claim (CAL-1) is read
 * apart, with the tables its test attached.
 */
public final class SummaryResults {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The attachment of the calibration claim that holds its tables (Markdown). */
    static final String CALIBRATION_TABLES = "A/A false-positive rates";

    public final List<SummaryRow> rows = new ArrayList<>();
    public final List<SummaryRow.Calibration> calibration = new ArrayList<>();

    private SummaryResults() { }

    public static SummaryResults read(List<Path> dirs, Map<String, ClaimSpec> specs) throws IOException {
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
            for (Path r : files) out.add(dir, JSON.readTree(r.toFile()), specs, commit, backend);
        }
        out.rows.sort(SummaryRow.ORDER);
        return out;
    }

    private void add(Path dir, JsonNode res, Map<String, ClaimSpec> specs, String commit, String backend) throws IOException {
        Map<String, String> labels = new HashMap<>(), params = new HashMap<>();
        res.path("labels").forEach(l -> labels.putIfAbsent(l.path("name").asText(), l.path("value").asText()));
        res.path("parameters").forEach(p -> params.put(p.path("name").asText(), p.path("value").asText()));
        String feature = labels.getOrDefault("feature", "");
        if (!feature.matches("[A-Z]+-[0-9]+ .*")) return;           // not a claim case
        String claim = feature.substring(0, feature.indexOf(' '));
        ClaimSpec spec = specs.get(claim);
        String title = spec != null ? spec.title() : feature.substring(feature.indexOf(' ') + 1);
        String status = res.path("status").asText(), message = res.path("statusDetails").path("message").asText("");
        String profile = params.getOrDefault("profile", labels.getOrDefault("tag", SummaryRow.NONE));
        String date = res.has("stop") ? DateTimeFormatter.ISO_LOCAL_DATE.format(
                Instant.ofEpochMilli(res.path("stop").asLong()).atZone(ZoneOffset.UTC)) : SummaryRow.NONE;
        if (claim.equals(ClaimArguments.CALIBRATION)) {
            String tables = attachmentText(dir, res, CALIBRATION_TABLES);
            String outcome = status.equals("passed") ? "passed" : status.toUpperCase(Locale.ROOT)
                    + (message.isBlank() ? "" : ": " + message.lines().findFirst().orElse(""));
            calibration.add(new SummaryRow.Calibration(claim, title, outcome, tables == null ? "" : tables.strip(),
                    profile, date, commit));
            return;
        }
        JsonNode j = attachment(dir, res);
        String verdict = j != null ? j.path("verdict").asText().replace('_', ' ') : fallbackVerdict(status, message);
        String notRun = j != null ? j.path("not_run").asText("")
                : verdict.endsWith("NOT RUN") ? NotRun.kind(message) : "";
        double pm = j != null ? (j.path("pm").isNumber() ? j.path("pm").asDouble() : Double.NaN)
                : parse(params.get("Pm (% weights remaining)"));
        int round = j != null ? j.path("round").asInt() : (int) parse(params.get("pruning round"));
        String comparison = j != null ? j.path("comparison").asText() : comparisonOf(params, res);
        String disclosure = j != null && j.has("disclosure") ? j.path("disclosure").asText()
                : spec != null ? spec.disclosure(profile) : "";
        boolean ran = notRun.isEmpty();
        String dataset = !ran ? SummaryRow.NONE : j != null && j.has("dataset") ? j.path("dataset").asText()
                : params.getOrDefault("dataset", SummaryRow.NONE);
        String scale = !ran ? SummaryRow.NONE : profile + ": " + params.getOrDefault("scale", SummaryRow.NONE)
                .replaceAll(", width 1\\.00$", "");
        String seeds = ran ? seeds(params.getOrDefault("seeds", SummaryRow.NONE)) : SummaryRow.NONE;
        String ours = j != null && j.has("effect_mean") ? effect(j) : ran ? "not measured" : SummaryRow.NONE;
        rows.add(new SummaryRow(claim, title, comparison, pm, round, paper(spec, comparison, pm), ours, dataset, profile,
                scale, seeds, verdict, notRun, disclosure, date, commit, backend));
    }

    /** For results written before cases carried {@value ResultJson#NAME}: the verdict their status implies. */
    static String fallbackVerdict(String status, String message) {
        return switch (status) {
            case "passed" -> "REPRODUCED";
            case "skipped" -> message.startsWith("INCONCLUSIVE") ? "INCONCLUSIVE" : "NOT RUN";
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
    static String effect(JsonNode j) {
        double mean = j.path("effect_mean").asDouble(), lo = j.path("effect_ci_low").asDouble(),
                hi = j.path("effect_ci_high").asDouble();
        int ci = (int) Math.round(100 * j.path("ci_level").asDouble());
        if (j.path("relative").asBoolean()) return "%+.1f%% (%d%% CI %+.1f..%+.1f%%)".formatted(100 * mean, ci, 100 * lo, 100 * hi);
        String unit = j.path("metric").asText().contains("accuracy") ? " pp" : "";
        return "%+.2f%s (%d%% CI %+.2f..%+.2f)".formatted(mean, unit, ci, lo, hi);
    }

    /** The paper's effect for this comparison nearest (in log Pm) to the case's Pm. */
    static String paper(ClaimSpec spec, String comparison, double pm) {
        if (spec == null || Double.isNaN(pm)) return SummaryRow.NONE;
        for (ClaimSpec.Comparison c : spec.comparisons())
            if (c.name().equals(comparison))
                return c.paper().stream().min(Comparator.comparingDouble(p -> Math.abs(Math.log(p.pm() / pm))))
                        .map(ClaimSpec.PaperEffect::label).orElse(SummaryRow.NONE);
        return SummaryRow.NONE;
    }

    private static JsonNode attachment(Path dir, JsonNode res) throws IOException {
        String text = attachmentText(dir, res, ResultJson.NAME);
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
