package lth.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import lth.claim.ClaimFiles;
import lth.claim.ClaimSpec;

/**
 * Turns Allure results (one or more allure-results folders, e.g. one per nightly shard) into the
 * reviewer's summary: one row per claim case with the paper's number next to ours.
 *
 * <pre>
 *   Summary [--claims DIR] [--markdown FILE] [--html FILE] [--environment DIR] [--note TEXT] RESULTS_DIR...
 * </pre>
 *
 * --markdown writes reports/SUMMARY.md-style Markdown; --html a one-screen front page (claims.html)
 * that links into the Allure report next to it; --environment rewrites DIR/environment.properties
 * with one "claim LTH-n" line per claim first, so the overview's Environment widget answers
 * "what reproduced, at which scale, on which data" before the provenance lines.
 *
 * The numbers come from each case's claim-result.json attachment when present, else from the
 * "compare ..." step (results written before that attachment existed). Only reads files.
 */
public final class Summary {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EFFECT = Pattern.compile(
            "mean ([-+]?[0-9.]+(?:e[-+]?[0-9]+)?)( \\(relative\\))? \\(([0-9]+)% CI (\\S+?)\\.\\.(\\S+?)\\)");
    private static final Pattern VERDICT = Pattern.compile("\\*\\*Verdict:\\*\\* ([A-Z ]+)");
    static final String CLAIM_KEY = "claim ";

    /** One claim case as the summary shows it. */
    public record Row(String claim, String title, String comparison, double pm, int round, String paper, String ours,
                      String dataset, String profile, String scale, String seeds, String verdict, String date,
                      String commit, String backend) { }

    private Summary() { }

    public static void main(String[] args) throws IOException {
        Path claims = ClaimFiles.directory(), markdown = null, html = null, environment = null;
        String note = null;
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--claims" -> claims = Path.of(args[++i]);
                case "--markdown" -> markdown = Path.of(args[++i]);
                case "--html" -> html = Path.of(args[++i]);
                case "--environment" -> environment = Path.of(args[++i]);
                case "--note" -> note = args[++i];
                default -> {
                    if (args[i].startsWith("--")) usage("unknown option " + args[i]);
                    dirs.add(Path.of(args[i]));
                }
            }
        }
        if (dirs.isEmpty()) usage("no results folder given");
        Map<String, ClaimSpec> specs = Files.isDirectory(claims) ? ClaimFiles.loadAll(claims) : Map.of();
        List<Row> rows = read(dirs, specs);
        if (rows.isEmpty()) {
            System.err.println("summary: no claim results in " + dirs);
            System.exit(1);
        }
        if (markdown != null) write(markdown, markdown(rows, dirs, note));
        if (html != null) write(html, html(rows));
        if (environment != null) writeEnvironment(environment, rows);
        System.out.printf("summary: %d cases of %d claims from %s%n", rows.size(),
                rows.stream().map(Row::claim).distinct().count(), dirs);
    }

    private static void usage(String why) {
        System.err.println("summary: " + why + "\nusage: Summary [--claims DIR] [--markdown FILE] [--html FILE] "
                + "[--environment DIR] [--note TEXT] RESULTS_DIR...");
        System.exit(2);
    }

    private static void write(Path file, String text) throws IOException {
        if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Every claim case in the folders, sorted by claim, comparison, then falling Pm. */
    public static List<Row> read(List<Path> dirs, Map<String, ClaimSpec> specs) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Path dir : dirs) {
            Properties env = environment(dir);
            String commit = env.getProperty("git.commit", "unknown");
            if (commit.length() > 12) commit = commit.substring(0, 12);
            if ("true".equals(env.getProperty("git.dirty"))) commit += " (dirty)";
            String backend = env.getProperty("nd4j.backend", "unknown").replaceAll(".*\\.", "");
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.getFileName().toString().endsWith("-result.json")).sorted().toList();
            }
            for (Path f : files) {
                Row r = row(dir, JSON.readTree(f.toFile()), specs, commit, backend);
                if (r != null) rows.add(r);
            }
        }
        rows.sort(Comparator.comparing(Row::claim).thenComparing(Row::comparison)
                .thenComparing(Comparator.comparingDouble(Row::pm).reversed()));
        return rows;
    }

    private static Properties environment(Path dir) throws IOException {
        Properties p = new Properties();
        Path f = dir.resolve("environment.properties");
        if (Files.exists(f)) try (Reader r = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) { p.load(r); }
        return p;
    }

    static Row row(Path dir, JsonNode res, Map<String, ClaimSpec> specs, String commit, String backend) throws IOException {
        Map<String, String> labels = new HashMap<>(), params = new HashMap<>();
        res.path("labels").forEach(l -> labels.putIfAbsent(l.path("name").asText(), l.path("value").asText()));
        res.path("parameters").forEach(p -> params.put(p.path("name").asText(), p.path("value").asText()));
        String feature = labels.getOrDefault("feature", "");
        if (!feature.matches("[A-Z]+-[0-9]+ .*")) return null;           // not a claim case
        String claim = feature.substring(0, feature.indexOf(' '));
        String title = feature.substring(feature.indexOf(' ') + 1);
        String[] parts = params.getOrDefault("c", res.path("name").asText()).split(" · ");
        String comparison = parts.length >= 3 ? parts[1] : params.getOrDefault("comparison", "?");
        double pm = parse(params.get("Pm (% weights remaining)"));
        int round = (int) parse(params.get("pruning round"));
        String profile = params.getOrDefault("profile", labels.getOrDefault("tag", "?"));

        JsonNode attached = attachment(dir, res, "claim-result.json");
        String ours;
        boolean relative;
        if (attached != null) {
            relative = attached.path("relative").asBoolean();
            ours = effect(attached.path("effect_mean").asDouble(), attached.path("effect_ci_low").asDouble(),
                    attached.path("effect_ci_high").asDouble(), (int) Math.round(100 * attached.path("ci_level").asDouble()),
                    relative, attached.path("metric").asText());
        } else {
            String text = explanation(res);
            Matcher m = EFFECT.matcher(text);
            String metric = params.getOrDefault("comparison", "");
            relative = m.find() && m.group(2) != null;
            ours = m.find(0) ? effect(parse(m.group(1)), parse(m.group(4)), parse(m.group(5)), Integer.parseInt(m.group(3)),
                    relative, metric) : "not measured";
        }
        Matcher v = VERDICT.matcher(res.path("description").asText());
        String verdict = v.find() ? v.group(1).strip() : switch (res.path("status").asText()) {
            case "passed" -> "REPRODUCED";
            case "failed" -> "NOT REPRODUCED";
            case "skipped" -> "NOT RUN";
            default -> "ERROR";
        };
        String scale = profile + ": " + params.getOrDefault("scale", "?").replaceAll(", width 1\\.00$", "");
        String date = res.has("stop") ? DateTimeFormatter.ISO_LOCAL_DATE.format(
                Instant.ofEpochMilli(res.path("stop").asLong()).atZone(ZoneOffset.UTC)) : "?";
        return new Row(claim, title, comparison, pm, round, paper(specs.get(claim), comparison, pm), ours,
                params.getOrDefault("dataset", "?"), profile, scale, params.getOrDefault("seeds", "?"), verdict, date,
                commit, backend);
    }

    private static String explanation(JsonNode res) {
        for (JsonNode s : res.path("steps")) {
            String name = s.path("name").asText();
            if (name.startsWith("compare ")) return name;
        }
        return res.path("statusDetails").path("message").asText("");
    }

    private static JsonNode attachment(Path dir, JsonNode res, String name) throws IOException {
        for (JsonNode a : res.path("attachments"))
            if (a.path("name").asText().equals(name)) {
                Path f = dir.resolve(a.path("source").asText());
                if (Files.exists(f)) return JSON.readTree(f.toFile());
            }
        return null;
    }

    /** The effect, oriented so positive supports the claim: relative ones in %, accuracy in percentage points. */
    static String effect(double mean, double lo, double hi, int ciLevel, boolean relative, String metric) {
        if (relative) return "%+.1f%% (%d%% CI %+.1f..%+.1f%%)".formatted(100 * mean, ciLevel, 100 * lo, 100 * hi);
        String unit = metric.contains("accuracy") ? " pp" : "";
        return "%+.2f%s (%d%% CI %+.2f..%+.2f)".formatted(mean, unit, ciLevel, lo, hi);
    }

    /** The paper's effect for this comparison nearest (in log Pm) to the case's Pm. */
    static String paper(ClaimSpec spec, String comparison, double pm) {
        if (spec == null) return "";
        for (ClaimSpec.Comparison c : spec.comparisons())
            if (c.name().equals(comparison))
                return c.paper().stream().min(Comparator.comparingDouble(p -> Math.abs(Math.log(p.pm() / pm))))
                        .map(ClaimSpec.PaperEffect::label).orElse("—");
        return "";
    }

    private static double parse(String s) {
        try {
            return s == null ? Double.NaN : Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Per claim: the verdicts of its cases, e.g. "REPRODUCED (2/2)" or "INCONCLUSIVE 1, REPRODUCED 1". */
    static Map<String, String> claimVerdicts(List<Row> rows) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (Row r : rows) counts.computeIfAbsent(r.claim(), k -> new TreeMap<>()).merge(r.verdict(), 1, Integer::sum);
        Map<String, String> out = new TreeMap<>();
        counts.forEach((claim, c) -> {
            int n = c.values().stream().mapToInt(Integer::intValue).sum();
            out.put(claim, c.size() == 1 ? "%s (%d/%d cases)".formatted(c.keySet().iterator().next(), n, n)
                    : String.join(", ", c.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + "/" + n).toList()));
        });
        return out;
    }

    private static Map<String, Row> firstByClaim(List<Row> rows) {
        Map<String, Row> first = new TreeMap<>();
        for (Row r : rows) first.putIfAbsent(r.claim(), r);
        return first;
    }

    private static List<List<String>> claimRows(List<Row> rows) {
        Map<String, String> verdicts = claimVerdicts(rows);
        List<List<String>> out = new ArrayList<>();
        firstByClaim(rows).forEach((claim, r) -> out.add(List.of(claim, r.title(), verdicts.get(claim), r.scale(),
                r.dataset(), r.seeds())));
        return out;
    }

    static String markdown(List<Row> rows, List<Path> dirs, String note) {
        Set<String> commits = new TreeSet<>(), backends = new TreeSet<>(), dates = new TreeSet<>();
        rows.forEach(r -> { commits.add(r.commit()); backends.add(r.backend()); dates.add(r.date()); });
        StringBuilder sb = new StringBuilder("# Lottery Ticket Hypothesis: claim summary\n\n");
        sb.append("Generated by `scripts/summary` (`lth.report.Summary`) from the Allure results of a claim run")
                .append(" (").append(rows.size()).append(" cases; run dates ").append(String.join(", ", dates))
                .append("; commit ").append(String.join(", ", commits)).append("; ND4J backend ")
                .append(String.join(", ", backends)).append("). Do not edit by hand: rerun the command.\n");
        if (note != null && !note.isBlank()) sb.append('\n').append(note.strip()).append('\n');
        sb.append("""

                **Our number** is the per-seed paired effect of the comparison, oriented so that a positive value
                supports the claim, as the mean over seeds with its confidence interval (relative comparisons in
                %, accuracy differences in percentage points). **Paper** is the paper's effect nearest to the
                case's Pm. Verdicts: REPRODUCED (significant after Holm across levels, with enough power),
                NOT REPRODUCED, INCONCLUSIVE (too little power to tell), SKIPPED/NOT RUN (data or hardware
                missing, or nightly-only). A quick-scale verdict is evidence at that scale only.

                ## By claim

                """);
        sb.append(Tables.markdown(List.of("claim", "title", "verdict", "scale", "dataset", "seeds"), claimRows(rows)));
        sb.append("\n## By case\n\n");
        List<List<String>> cases = new ArrayList<>();
        for (Row r : rows)
            cases.add(List.of(r.claim(), r.comparison(), "%.1f%%".formatted(r.pm()), r.paper(), r.ours(), r.dataset(),
                    r.profile(), r.seeds(), r.verdict(), r.date(), r.commit()));
        sb.append(Tables.markdown(List.of("claim", "comparison", "Pm", "paper", "ours (mean, CI over seeds)", "dataset",
                "scale", "seeds", "verdict", "date", "commit"), cases));
        sb.append("\nScale per profile: ");
        Map<String, String> scales = new TreeMap<>();
        rows.forEach(r -> scales.putIfAbsent(r.profile(), r.scale()));
        sb.append(String.join("; ", scales.values())).append(".\n");
        return sb.toString();
    }

    /** A one-screen front page, written next to the report's index.html, linking into it. */
    static String html(List<Row> rows) {
        String style = "<style>body{font:14px sans-serif;margin:24px}td,th{border:1px solid #999;padding:3px 8px;"
                + "text-align:left}table{border-collapse:collapse;margin-bottom:16px}th{background:#eee}"
                + ".REPRODUCED{background:#d4f4d4}.NOT{background:#f8d0d0}.INCONCLUSIVE{background:#fdf1c7}</style>";
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>LTH claims</title>")
                .append(style).append("</head><body>\n<h1>Lottery Ticket Hypothesis: which claims reproduced</h1>\n")
                .append("<p>Full report: <a href=\"index.html\">overview</a> · <a href=\"index.html#behaviors\">claims (Behaviors)</a>")
                .append(" · <a href=\"index.html#categories\">failures and inconclusive cases</a>. ")
                .append("Run: ").append(Tables.escapeHtml(rows.get(0).date())).append(", commit ")
                .append(Tables.escapeHtml(rows.get(0).commit())).append(", backend ")
                .append(Tables.escapeHtml(rows.get(0).backend())).append(".</p>\n<table><tr>");
        for (String h : List.of("claim", "title", "verdict", "scale", "dataset", "seeds")) sb.append("<th>").append(h).append("</th>");
        sb.append("</tr>\n");
        for (List<String> r : claimRows(rows)) {
            sb.append("<tr class=\"").append(r.get(2).split(" ")[0]).append("\">");
            for (String cell : r) sb.append("<td>").append(Tables.escapeHtml(cell)).append("</td>");
            sb.append("</tr>\n");
        }
        sb.append("</table>\n<table><tr>");
        for (String h : List.of("claim", "comparison", "Pm", "paper", "ours (mean, CI over seeds)", "verdict"))
            sb.append("<th>").append(h).append("</th>");
        sb.append("</tr>\n");
        for (Row r : rows) {
            sb.append("<tr class=\"").append(r.verdict().split(" ")[0]).append("\">");
            for (String cell : List.of(r.claim(), r.comparison(), "%.1f%%".formatted(r.pm()), r.paper(), r.ours(), r.verdict()))
                sb.append("<td>").append(Tables.escapeHtml(cell)).append("</td>");
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n</body></html>\n").toString();
    }

    /** Puts one "claim LTH-n" line per claim at the top of DIR/environment.properties (replacing earlier ones). */
    static void writeEnvironment(Path dir, List<Row> rows) throws IOException {
        Path f = dir.resolve("environment.properties");
        List<String> kept = new ArrayList<>();
        if (Files.exists(f))
            for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1))
                if (!line.startsWith(ResultsDirectory.escape(CLAIM_KEY, true))) kept.add(line);
        Map<String, String> verdicts = claimVerdicts(rows);
        StringBuilder sb = new StringBuilder();
        firstByClaim(rows).forEach((claim, r) -> sb.append(ResultsDirectory.escape(CLAIM_KEY + claim, true)).append('=')
                .append(ResultsDirectory.escape(verdicts.get(claim) + " · " + r.scale().split(",")[0] + " · "
                        + r.dataset() + " · seeds " + r.seeds(), false)).append('\n'));
        kept.forEach(l -> sb.append(l).append('\n'));
        Files.writeString(f, sb, StandardCharsets.ISO_8859_1);
    }
}
