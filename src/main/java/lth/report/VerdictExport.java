package lth.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.*;
import java.util.stream.Stream;

/**
 * Every verdict of a results directory, machine-readable: one row per claim case (comparison at a level)
 * with its numbers, and one line per claim. Reads either an Allure results folder (the cases' typed
 * {@value CaseResult#NAME} attachments; a case without one gets the verdict its status implies, as in
 * {@link SummaryResults}) or the per-claim CSVs the claims write ({@code target/lth-results/<profile>/
 * <claim>.verdicts.csv}, or {@code target/lth-results} with one folder per profile). Only reads.
 */
public final class VerdictExport {
    private VerdictExport() { }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The columns of the CSV and the keys of each case in the JSON, in this order. */
    public static final List<String> COLUMNS = List.of("claim", "profile", "pilot", "comparison", "a", "b", "metric",
            "relative", "round", "pm_percent", "dataset", "iterations", "seeds", "n", "mean_a", "mean_b", "effect_mean",
            "effect_ci_low", "effect_ci_high", "ci_level", "p_holm", "power", "verdict", "not_run", "reason", "date",
            "commit", "backend");

    /** What was read: where from, in which form ("allure" or "csv"), the cases in claim order. */
    public record Export(Path source, String format, List<Map<String, Object>> cases) {
        /** Per claim: the verdicts of its cases, e.g. "REPRODUCED (4/4 cases)" or "INCONCLUSIVE 2/4, REPRODUCED 2/4". */
        public Map<String, String> claims() {
            Map<String, Map<String, Integer>> counts = new TreeMap<>(SummaryRow.BY_ID);
            for (Map<String, Object> c : cases)
                counts.computeIfAbsent((String) c.get("claim"), k -> new TreeMap<>()).merge((String) c.get("verdict"), 1, Integer::sum);
            Map<String, String> out = new LinkedHashMap<>();
            counts.forEach((claim, v) -> {
                int n = v.values().stream().mapToInt(Integer::intValue).sum();
                out.put(claim, v.size() == 1 ? "%s (%d/%d cases)".formatted(v.keySet().iterator().next(), n, n)
                        : String.join(", ", v.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + "/" + n).toList()));
            });
            return out;
        }
    }

    public static Export read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException("no results directory " + dir.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) { files = s.sorted().toList(); }
        List<Map<String, Object>> cases = new ArrayList<>();
        String format;
        if (files.stream().anyMatch(f -> f.getFileName().toString().endsWith("-result.json"))) {
            format = "allure";
            for (Path f : files) if (f.getFileName().toString().endsWith("-result.json")) allureCase(dir, f).ifPresent(cases::add);
        } else {
            format = "csv";
            List<Path> csvDirs = files.stream().anyMatch(VerdictExport::isVerdicts) ? List.of(dir)
                    : files.stream().filter(Files::isDirectory).toList();
            for (Path d : csvDirs) for (List<Map<String, String>> rows : TierResults.read(d).verdicts().values())
                for (Map<String, String> r : rows) cases.add(csvCase(r));
        }
        if (cases.isEmpty())
            throw new IOException("no claim verdicts in " + dir.toAbsolutePath() + " (neither Allure results with "
                    + CaseResult.NAME + " attachments nor <claim>.verdicts.csv files)");
        for (Map<String, Object> c : cases) c.replaceAll((k, v) -> undefined(v) ? null : v);   // NaN: no number, null
        cases.sort(Comparator.comparing((Map<String, Object> c) -> (String) c.get("claim"), SummaryRow.BY_ID)
                .thenComparing(c -> String.valueOf(c.get("profile"))).thenComparing(c -> String.valueOf(c.get("comparison")))
                .thenComparingInt(c -> c.get("round") instanceof Number n ? n.intValue() : 0));
        return new Export(dir, format, cases);
    }

    private static boolean isVerdicts(Path f) { return f.getFileName().toString().endsWith(".verdicts.csv"); }

    private static Map<String, Object> empty() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String c : COLUMNS) m.put(c, null);
        return m;
    }

    private static Optional<Map<String, Object>> allureCase(Path dir, Path file) throws IOException {
        JsonNode res = JSON.readTree(file.toFile());
        Map<String, String> labels = new HashMap<>();
        res.path("labels").forEach(l -> labels.putIfAbsent(l.path("name").asText(), l.path("value").asText()));
        String feature = labels.getOrDefault("feature", "");
        if (!feature.matches("[A-Z]+-[0-9]+ .*")) return Optional.empty();          // not a claim case
        Map<String, Object> m = empty();
        m.put("claim", feature.substring(0, feature.indexOf(' ')));
        String status = res.path("status").asText(), message = res.path("statusDetails").path("message").asText("");
        JsonNode j = attachment(dir, res);
        if (j != null) {
            for (String c : COLUMNS) {
                JsonNode v = j.get(c.equals("pm_percent") ? "pm" : c.equals("p_holm") ? "p_adjusted" : c);
                if (v != null && !v.isNull()) m.put(c, v.isNumber() ? v.numberValue() : v.isBoolean() ? v.booleanValue() : v.asText());
            }
            if (m.get("verdict") instanceof String v) m.put("verdict", v.replace('_', ' '));
        } else if (m.get("claim").equals(CaseResult.CALIBRATION)) {
            m.put("comparison", res.path("name").asText());
            m.put("verdict", status.equals("passed") ? "PASSED" : status.toUpperCase(Locale.ROOT));
        } else {
            m.put("comparison", res.path("name").asText());
            m.put("verdict", SummaryResults.fallbackVerdict(status, message));
            if (!status.equals("passed") && !message.isBlank()) m.put("reason", message.lines().findFirst().orElse(""));
        }
        if (j != null && j.hasNonNull("seed_list")) m.put("seeds", j.get("seed_list").asText());   // as a list, as the CSVs give them
        else res.path("parameters").forEach(p -> {                 // a case written before its result carried the list
            String name = p.path("name").asText();
            if (name.equals("seeds") || name.equals("profile") && m.get("profile") == null) m.put(name, p.path("value").asText());
        });
        if (m.get("reason") == null && !message.isBlank()) m.put("reason", message.lines().findFirst().orElse(""));   // e.g. why INCONCLUSIVE
        if (m.get("not_run") != null) m.put("seeds", null);                 // nothing ran with any seed
        if (m.get("pilot") == null) m.put("pilot", false);
        if (res.has("stop")) m.put("date", Instant.ofEpochMilli(res.path("stop").asLong()).atZone(ZoneOffset.UTC).toLocalDate().toString());
        Properties env = environment(dir);
        m.put("commit", env.getProperty("git.commit"));
        if (m.get("backend") == null && env.getProperty("nd4j.backend") != null)
            m.put("backend", env.getProperty("nd4j.backend").replaceAll(".*\\.", ""));
        return Optional.of(m);
    }

    private static final Map<Path, Properties> ENVIRONMENTS = new HashMap<>();

    private static synchronized Properties environment(Path dir) throws IOException {
        Properties env = ENVIRONMENTS.get(dir);
        if (env != null) return env;
        env = new Properties();
        Path f = dir.resolve("environment.properties");
        if (Files.exists(f)) try (Reader r = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) { env.load(r); }
        ENVIRONMENTS.put(dir, env);
        return env;
    }

    private static JsonNode attachment(Path dir, JsonNode res) throws IOException {
        for (JsonNode a : res.path("attachments"))
            if (a.path("name").asText().equals(CaseResult.NAME)) {
                Path f = dir.resolve(a.path("source").asText());
                if (Files.exists(f)) return JSON.readTree(f.toFile());
            }
        return null;
    }

    /** A row of {@code <claim>.verdicts.csv} in the export's columns (numbers as numbers). */
    private static Map<String, Object> csvCase(Map<String, String> r) {
        Map<String, Object> m = empty();
        Map<String, String> rename = Map.of("mean_effect", "effect_mean", "ci_low", "effect_ci_low", "ci_high", "effect_ci_high",
                "p_holm", "p_holm", "explanation", "reason");
        r.forEach((k, v) -> {
            String c = rename.getOrDefault(k, k);
            if (m.containsKey(c)) m.put(c, value(v));
        });
        m.put("pilot", Boolean.parseBoolean(r.get("pilot")));
        m.put("seeds", r.get("seeds"));
        m.put("verdict", r.get("verdict").replace('_', ' '));
        return m;
    }

    private static boolean undefined(Object v) {
        return v instanceof Double d && !Double.isFinite(d) || v instanceof String t && t.matches("-?(NaN|Infinity)");
    }

    private static Object value(String v) {
        if (v == null || v.isEmpty()) return null;
        try {
            return v.matches("-?[0-9]+") ? (Object) Long.parseLong(v) : (Object) Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /** The JSON document: source, format, one line per claim, then every case. */
    public static String json(Export e) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("source", e.source().toString());
        doc.put("format", e.format());
        doc.put("claims", e.claims());
        doc.put("cases", e.cases());
        return JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
    }

    /** The cases as CSV (RFC 4180), one row per case in {@link #COLUMNS}. */
    public static String csv(Export e) {
        List<List<?>> rows = new ArrayList<>();
        for (Map<String, Object> c : e.cases()) rows.add(COLUMNS.stream().map(k -> c.get(k) == null ? "" : c.get(k)).toList());
        return Csv.toString(COLUMNS, rows);
    }
}
