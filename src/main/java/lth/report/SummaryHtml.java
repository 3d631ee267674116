package lth.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/** The summary's front page (claims.html, next to the Allure report) and its lines in environment.properties. */
final class SummaryHtml {
    private SummaryHtml() { }

    static final String CLAIM_KEY = "claim ";
    private static final List<String> CLAIM_HEADER = List.of("claim", "title", "verdict", "not run because", "scale",
            "dataset", "seeds");

    /** A one-screen front page, written next to the report's index.html, linking into it. */
    static String of(SummaryResults res) {
        List<SummaryRow> rows = res.rows;
        String style = "<style>body{font:14px sans-serif;margin:24px}td,th{border:1px solid #999;padding:3px 8px;"
                + "text-align:left}table{border-collapse:collapse;margin-bottom:16px}th{background:#eee}"
                + ".REPRODUCED{background:#d4f4d4}.NOT{background:#f8d0d0}.INCONCLUSIVE{background:#fdf1c7}.IN{background:#dde8f8}</style>";
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>LTH claims</title>")
                .append(style).append("</head><body>\n<h1>Lottery Ticket Hypothesis: which claims reproduced</h1>\n")
                .append("<p>Full report: <a href=\"index.html\">overview</a> · <a href=\"index.html#behaviors\">claims (Behaviors)</a>")
                .append(" · <a href=\"index.html#categories\">failures and inconclusive cases</a>. ");
        if (!rows.isEmpty())
            sb.append("Run: ").append(Tables.escapeHtml(rows.get(0).date())).append(", commit ")
                    .append(Tables.escapeHtml(rows.get(0).commit())).append(", backend ")
                    .append(Tables.escapeHtml(rows.get(0).backend())).append('.');
        sb.append("</p>\n");
        table(sb, CLAIM_HEADER, SummaryClaims.rows(rows), 2);
        SummaryClaims.progress(rows).forEach((id, text) -> sb.append("<p>").append(Tables.escapeHtml(id))
                .append(" in progress (budgeted nights, no verdict yet): ").append(Tables.escapeHtml(text)).append("</p>\n"));
        SummaryClaims.disclosures(rows).forEach((id, text) -> sb.append("<p>† ").append(Tables.escapeHtml(id)).append(": ")
                .append(Tables.escapeHtml(text)).append("</p>\n"));
        List<List<String>> cases = new ArrayList<>();
        for (SummaryRow r : rows)
            cases.add(List.of(r.claim(), r.comparison(), r.pmText(), r.paper(), r.ours(), r.verdict(), r.notRun()));
        table(sb, List.of("claim", "comparison", "Pm", "paper", "ours (mean, CI over seeds)", "verdict", "not run because"),
                cases, 5);
        for (SummaryRow.Calibration c : res.calibration)
            sb.append("<p>").append(Tables.escapeHtml(c.id() + " " + c.title() + ": " + c.outcome()))
                    .append(" (simulations; tables on its case page)</p>\n");
        return sb.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder sb, List<String> header, List<List<String>> rows, int verdictColumn) {
        sb.append("<table><tr>");
        for (String h : header) sb.append("<th>").append(h).append("</th>");
        sb.append("</tr>\n");
        for (List<String> r : rows) {
            String v = r.get(verdictColumn);
            sb.append("<tr class=\"").append(v.startsWith("NOT RUN") ? "NOTRUN" : v.split(" ")[0]).append("\">");
            for (String cell : r) sb.append("<td>").append(Tables.escapeHtml(cell)).append("</td>");
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
    }

    /** Puts one "claim LTH-n" line per claim at the top of DIR/environment.properties (replacing earlier ones). */
    static void writeEnvironment(Path dir, SummaryResults res) throws IOException {
        Path f = dir.resolve("environment.properties");
        List<String> kept = new ArrayList<>();
        if (Files.exists(f))
            for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1))
                if (!line.startsWith(ResultsDirectory.escape(CLAIM_KEY, true))) kept.add(line);
        StringBuilder sb = new StringBuilder();
        Map<String, String> progress = SummaryClaims.progress(res.rows);
        for (List<String> r : SummaryClaims.rows(res.rows)) {
            String where = progress.containsKey(r.get(0)) ? "in progress: " + progress.get(r.get(0))
                    : (r.get(4).equals(SummaryRow.NONE) ? "" : r.get(4).split(",")[0] + " · " + r.get(5) + " · seeds " + r.get(6))
                    + (r.get(3).isEmpty() ? "" : (r.get(4).equals(SummaryRow.NONE) ? "" : " · ") + "not run: " + r.get(3));
            sb.append(ResultsDirectory.escape(CLAIM_KEY + r.get(0), true)).append('=')
                    .append(ResultsDirectory.escape(r.get(2).replace(SummaryMarkdown.DISCLOSED,
                            " (design change disclosed in SUMMARY.md)") + " · " + where, false)).append('\n');
        }
        for (SummaryRow.Calibration c : res.calibration)
            sb.append(ResultsDirectory.escape(CLAIM_KEY + c.id(), true)).append('=')
                    .append(ResultsDirectory.escape(c.outcome() + " · simulations", false)).append('\n');
        kept.forEach(l -> sb.append(l).append('\n'));
        Files.writeString(f, sb, StandardCharsets.ISO_8859_1);
    }
}
