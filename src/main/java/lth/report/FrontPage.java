package lth.report;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/**
 * The first screen of the Allure report (Overview): verdicts by claim instead of a pass rate. Allure's
 * summary donut counts skipped cases out, so a run whose cases are INCONCLUSIVE or not run (skipped,
 * never passed) reads "100%". This writes, before {@code allure generate}:
 * <ul>
 *   <li>an Allure plugin ({@value #PLUGIN}, in the commandline's {@code plugins/}, enabled in its
 *   {@code config/allure.yml}) whose CSS hides the donut and whose script puts one line per claim under the
 *   summary (verdicts of its cases, scale, data, seeds), then the claims that did not run and why; each claim
 *   is a link to its page: its case in the Behaviors tree (the report's case uids are random, so the script
 *   finds it by name in the report's {@code data/behaviors.json});</li>
 *   <li>the report's name (the summary widget's title), e.g. "lth-repro quick: 2 reproduced · 1 partly reproduced
 *   · 2 inconclusive · 13 not run", for {@code allure generate --report-name};</li>
 *   <li>{@code executor.json} in the results, so the Executors widget links to {@code claims.html}.</li>
 * </ul>
 * The single-file report embeds the plugin's CSS and script (checked with headless Chromium: scripts/check-report
 * --front-page follows each claim's link to its page).
 */
final class FrontPage {
    private FrontPage() { }

    static final String PLUGIN = "lth-front-page";
    /** Where the script template takes the lines (JSON). */
    static final String DATA = "/*LTH_FRONT_PAGE_DATA*/null";

    /**
     * A piece of an Overview line: plain text, or (claim set) a link to the claim's page, opened at its case
     * {@code caseName} (the claim's first case if empty), with the claim's title as the link's tooltip. A link's
     * text starts with its claim id, which the Overview shows as the link.
     */
    record Part(String text, String claim, String caseName, String title) {
        Part {
            if (claim != null && !text.startsWith(claim)) throw new IllegalArgumentException(text + " does not start with " + claim);
        }

        static Part text(String text) { return new Part(text, null, null, null); }
    }

    /** Writes the plugin into {@code allureHome} and enables it; idempotent. Writes nothing if its script cannot be made. */
    static void writePlugin(Path allureHome, SummaryResults res) throws IOException {
        String js = script(res);
        Path dir = allureHome.resolve("plugins").resolve(PLUGIN);
        Files.createDirectories(dir.resolve("static"));
        Files.writeString(dir.resolve("allure-plugin.yml"), "id: " + PLUGIN + "\nname: lth-repro front page\n"
                + "description: verdicts by claim instead of a pass rate on the overview, each claim a link to its page\n"
                + "cssFiles:\n  - styles.css\njsFiles:\n  - index.js\n");
        Files.writeString(dir.resolve("static").resolve("styles.css"), CSS, StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("static").resolve("index.js"), js, StandardCharsets.US_ASCII);
        Path config = allureHome.resolve("config").resolve("allure.yml");
        String yml = Files.exists(config) ? Files.readString(config) : "plugins:\n";
        if (!yml.contains("- " + PLUGIN))
            Files.writeString(config, (yml.endsWith("\n") ? yml : yml + "\n") + "  - " + PLUGIN + "\n");
    }

    /**
     * {@code executor.json}, unless the results have one: the Executors widget links to every claim's verdict
     * (claims.html). scripts/merge-reports does not carry it into a merged report (type {@code lth-repro}).
     */
    static void writeExecutor(Path results, SummaryResults res) throws IOException {
        if (Files.exists(results.resolve("executor.json"))) return;      // a CI's own (with its run's URL) stays
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", "lth-repro");
        e.put("type", "lth-repro");
        e.put("buildName", "Every claim's verdict, scale and data: claims.html");
        e.put("buildUrl", "claims.html");
        Files.createDirectories(results);
        Files.writeString(results.resolve("executor.json"), new ObjectMapper().writeValueAsString(e));
    }

    /** The report's name: profile and how many claims reproduced, partly, not, inconclusive, not run. */
    static String title(SummaryResults res) {
        Map<String, Integer> n = new LinkedHashMap<>();
        for (String k : List.of("reproduced", "partly reproduced", "not reproduced", "inconclusive", "in progress", "not run")) n.put(k, 0);
        SummaryClaims.byClaim(res.rows).forEach((claim, rows) -> n.merge(kind(rows), 1, Integer::sum));
        Set<String> profiles = new TreeSet<>();
        res.rows.stream().filter(SummaryRow::ran).forEach(r -> profiles.add(r.profile()));
        List<String> parts = new ArrayList<>();
        n.forEach((k, v) -> { if (v > 0) parts.add(v + " " + k); });
        return "lth-repro " + String.join("+", profiles) + ": " + String.join(" · ", parts);
    }

    /** One claim's outcome over its cases: all REPRODUCED, some (partly reproduced), ..., still training (in progress), none ran (not run). */
    static String kind(List<SummaryRow> rows) {
        Set<String> v = new TreeSet<>();
        rows.forEach(r -> v.add(r.verdict()));
        if (rows.stream().anyMatch(SummaryRow::inProgress)) return "in progress";
        if (rows.stream().noneMatch(SummaryRow::ran)) return "not run";
        if (v.equals(Set.of("REPRODUCED"))) return "reproduced";
        if (v.contains("REPRODUCED")) return "partly reproduced";
        if (v.contains("NOT REPRODUCED")) return "not reproduced";
        return "inconclusive";
    }

    /** The lines that replace the donut: every claim that ran, the calibration, the claims in progress, then those that did not run. */
    static List<List<Part>> lines(SummaryResults res) {
        List<List<Part>> out = new ArrayList<>();
        out.add(List.of(Part.text("Verdicts by claim (a skipped case is INCONCLUSIVE or not run, never a pass):")));
        Map<String, List<SummaryRow>> byClaim = SummaryClaims.byClaim(res.rows);
        Map<String, List<Part>> notRun = new TreeMap<>();
        Map<String, String> inProgress = SummaryClaims.progress(res.rows);
        List<List<Part>> progressLines = new ArrayList<>();
        boolean disclosed = false;
        for (List<String> r : SummaryClaims.rows(res.rows)) {      // claim, title, verdict, not run because, scale, dataset, seeds
            List<SummaryRow> cases = byClaim.get(r.get(0));
            SummaryRow page = cases.stream().filter(SummaryRow::ran).findFirst().orElse(cases.get(0));
            if (inProgress.containsKey(r.get(0))) {
                progressLines.add(List.of(Part.text("In progress, no verdict yet (budgeted nights): "),
                        link(r.get(0) + "  " + inProgress.get(r.get(0)), page)));
                continue;
            }
            if (r.get(4).equals(SummaryRow.NONE)) {                    // no case of the claim ran: no scale
                notRun.computeIfAbsent(r.get(3), k -> new ArrayList<>()).add(link(r.get(0), page));
                continue;
            }
            disclosed |= r.get(2).contains(SummaryMarkdown.DISCLOSED);
            out.add(List.of(link(r.get(0) + "  " + r.get(2) + " · " + r.get(4).replaceAll(",.*", "") + " · " + r.get(5)
                    + " · seeds " + r.get(6), page)));
        }
        for (SummaryRow.Calibration c : res.calibration)
            out.add(List.of(new Part(c.id() + "  statistics calibration " + c.outcome(), c.id(), "", c.id() + " " + c.title())));
        out.addAll(progressLines);
        notRun.forEach((why, ids) -> {
            List<Part> line = new ArrayList<>(List.of(Part.text("Not run here (" + (why.isEmpty() ? "skipped" : why) + "): ")));
            for (Part id : ids) {
                if (line.size() > 1) line.add(Part.text(", "));
                line.add(id);
            }
            out.add(line);
        });
        if (disclosed)
            out.add(List.of(Part.text(SummaryMarkdown.DISCLOSED.strip() + " a change to the design after seeing results, disclosed on the case pages")));
        return out;
    }

    private static Part link(String text, SummaryRow page) {
        return new Part(text, page.claim(), page.caseName(), page.claim() + " " + page.title());
    }

    /** The lines as text, one a line (what the Overview shows). */
    static String text(List<List<Part>> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> { l.forEach(p -> sb.append(p.text())); sb.append('\n'); });
        return sb.toString();
    }

    /** The plugin's script: its template with the lines as JSON (non-ASCII escaped, so the file's encoding cannot matter). */
    static String script(SummaryResults res) throws IOException {
        String template;
        try (InputStream in = FrontPage.class.getResourceAsStream("front-page.js")) {
            if (in == null) throw new IOException("front-page.js is missing from the classpath (lth/report)");
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!template.contains(DATA)) throw new IOException("front-page.js has no " + DATA);
        String json = new ObjectMapper().writer().with(JsonWriteFeature.ESCAPE_NON_ASCII)
                .writeValueAsString(Map.of("lines", lines(res)));
        return template.replace(DATA, json);
    }

    static final String CSS = """
            /* lth-repro: verdicts by claim instead of Allure's pass rate, which counts skipped cases out */
            [data-id="summary"] .summary-widget__chart { display: none; }
            .lth-front { font-size: 14px; line-height: 1.6; margin-top: 12px; white-space: pre-wrap; }
            .lth-front a.lth-front__claim { color: inherit; text-decoration: none; }
            .lth-front a.lth-front__claim:hover { text-decoration: underline; }
            .lth-front .lth-front__id { color: #1a66c9; text-decoration: underline; white-space: nowrap; }
            """;
}
