package lth.report;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/**
 * The first screen of the Allure report (Overview): verdicts by claim instead of a pass rate. Allure's
 * summary donut counts skipped cases out, so a run whose cases are INCONCLUSIVE or not run (skipped,
 * never passed) reads "100%". This writes, before {@code allure generate}:
 * <ul>
 *   <li>a CSS-only Allure plugin ({@value #PLUGIN}, in the commandline's {@code plugins/}, enabled in its
 *   {@code config/allure.yml}) that hides the donut and puts one line per claim in its place (verdicts
 *   of its cases, scale, data, seeds), then the claims that did not run and why;</li>
 *   <li>the report's name (the summary widget's title), e.g. "lth-repro quick: 2 reproduced · 1 partly
 *   · 2 inconclusive · 13 not run", for {@code allure generate --report-name};</li>
 *   <li>{@code executor.json} in the results, so the Executors widget links to {@code claims.html}.</li>
 * </ul>
 * The single-file report embeds the plugin's CSS (checked with headless Chromium: scripts/check-report's overview.png).
 */
final class FrontPage {
    private FrontPage() { }

    static final String PLUGIN = "lth-front-page";

    /** Writes the plugin into {@code allureHome} and enables it; idempotent. */
    static void writePlugin(Path allureHome, SummaryResults res) throws IOException {
        Path dir = allureHome.resolve("plugins").resolve(PLUGIN);
        Files.createDirectories(dir.resolve("static"));
        Files.writeString(dir.resolve("allure-plugin.yml"), "id: " + PLUGIN + "\nname: lth-repro front page\n"
                + "description: verdicts by claim instead of a pass rate on the overview\ncssFiles:\n  - styles.css\n");
        Files.writeString(dir.resolve("static").resolve("styles.css"), css(res), StandardCharsets.US_ASCII);
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
        for (String k : List.of("reproduced", "partly", "not reproduced", "inconclusive", "in progress", "not run")) n.put(k, 0);
        SummaryClaims.byClaim(res.rows).forEach((claim, rows) -> n.merge(kind(rows), 1, Integer::sum));
        Set<String> profiles = new TreeSet<>();
        res.rows.stream().filter(SummaryRow::ran).forEach(r -> profiles.add(r.profile()));
        List<String> parts = new ArrayList<>();
        n.forEach((k, v) -> { if (v > 0) parts.add(v + " " + k); });
        return "lth-repro " + String.join("+", profiles) + ": " + String.join(" · ", parts);
    }

    /** One claim's outcome over its cases: all REPRODUCED, some (partly), ..., still training (in progress), none ran (not run). */
    static String kind(List<SummaryRow> rows) {
        Set<String> v = new TreeSet<>();
        rows.forEach(r -> v.add(r.verdict()));
        if (rows.stream().anyMatch(SummaryRow::inProgress)) return "in progress";
        if (rows.stream().noneMatch(SummaryRow::ran)) return "not run";
        if (v.equals(Set.of("REPRODUCED"))) return "reproduced";
        if (v.contains("REPRODUCED")) return "partly";
        if (v.contains("NOT REPRODUCED")) return "not reproduced";
        return "inconclusive";
    }

    /** The lines that replace the donut: every claim that ran, the calibration, then those that did not run. */
    static String lines(SummaryResults res) {
        StringBuilder sb = new StringBuilder("Verdicts by claim (a skipped case is INCONCLUSIVE or not run, never a pass):\n");
        Map<String, List<String>> notRun = new TreeMap<>();
        Map<String, String> inProgress = SummaryClaims.progress(res.rows);
        for (List<String> r : SummaryClaims.rows(res.rows)) {      // claim, title, verdict, not run because, scale, dataset, seeds
            if (inProgress.containsKey(r.get(0))) continue;
            if (r.get(4).equals(SummaryRow.NONE)) {                    // no case of the claim ran: no scale
                notRun.computeIfAbsent(r.get(3), k -> new ArrayList<>()).add(r.get(0));
                continue;
            }
            sb.append(r.get(0)).append("  ").append(r.get(2));
            sb.append(" · ").append(r.get(4).replaceAll(",.*", "")).append(" · ").append(r.get(5))
                    .append(" · seeds ").append(r.get(6));
            sb.append('\n');
        }
        for (SummaryRow.Calibration c : res.calibration) sb.append(c.id()).append("  statistics calibration ").append(c.outcome()).append('\n');
        inProgress.forEach((id, p) -> sb.append("In progress, no verdict yet (budgeted nights): ").append(id).append("  ").append(p).append('\n'));
        notRun.forEach((why, ids) -> sb.append("Not run here (").append(why.isEmpty() ? "skipped" : why).append("): ")
                .append(String.join(", ", ids)).append('\n'));
        if (sb.indexOf(SummaryMarkdown.DISCLOSED) >= 0)
            sb.append(SummaryMarkdown.DISCLOSED.strip()).append(" a change to the design after seeing results, disclosed on the case pages\n");
        sb.append("Each claim's page: Behaviors. Every case: claims.html (Executors, below right).");
        return sb.toString();
    }

    static String css(SummaryResults res) {
        return "/* lth-repro: verdicts by claim instead of Allure's pass rate, which counts skipped cases out */\n"
                + "[data-id=\"summary\"] .summary-widget__chart { display: none; }\n"
                + "[data-id=\"summary\"] .widget__body::after { content: \"" + cssString(lines(res)) + "\";\n"
                + "  display: block; white-space: pre-wrap; font-size: 14px; line-height: 1.6; margin-top: 12px; }\n";
    }

    /** A CSS string's body: quotes and backslashes escaped, line ends as \A, anything not ASCII as a hex escape. */
    static String cssString(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c == '\n') sb.append("\\A ");
            else if (c == '"' || c == '\\') sb.append('\\').append((char) c);
            else if (c < 0x20 || c > 0x7e) sb.append("\\%06X ".formatted(c));    // the space ends the escape (CSS eats it)
            else sb.append((char) c);
        });
        return sb.toString();
    }
}
