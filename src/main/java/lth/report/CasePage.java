package lth.report;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Everything one claim case's report page shows beside its {@link CaseResult}, in reading order: the lead
 * (the paper's sentence, the verdict, the detail), the steps that ran and the attachments (charts, tables,
 * the per-seed CSV, the case result, the provenance). Plain data: the claim tests write it into Allure.
 */
public record CasePage(CaseResult result, String lead, List<Step> steps, List<Attachment> attachments) {

    /** How a step ended, as the report shows it. */
    public enum Status { PASSED, FAILED, SKIPPED, BROKEN }

    public record Step(String name, Status status) { }

    /** An attachment: its name, MIME type, file extension and bytes. */
    public record Attachment(String name, String type, String extension, byte[] content) {
        public static Attachment png(String name, byte[] png) { return new Attachment(name, "image/png", ".png", png); }

        public static Attachment html(String name, String html) { return text(name, "text/html", ".html", html); }

        /** Allure shows text/csv attachments as a table. */
        public static Attachment csv(String name, String csv) { return text(name, "text/csv", ".csv", csv); }

        public static Attachment json(String name, String json) { return text(name, "application/json", ".json", json); }

        public static Attachment text(String name, String text) { return text(name, "text/plain", ".txt", text); }

        private static Attachment text(String name, String type, String ext, String text) {
            return new Attachment(name, type, ext, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The case page's lead, in the order a reviewer reads it: what the paper says (quoted, with the
     * figure/table it comes from), then our verdict, then any detail (Markdown).
     */
    public static String lead(String paperSentence, String figureRef, String verdict, String detailMarkdown) {
        StringBuilder md = new StringBuilder();
        md.append("> ").append(Tables.escapeMarkdown(paperSentence.strip()).replaceAll("\\R", "\n> ")).append('\n');
        if (figureRef != null && !figureRef.isBlank()) {
            md.append(">\n> — ").append(Tables.escapeMarkdown(figureRef.strip())).append('\n');
        }
        md.append("\n**Verdict:** ").append(verdict == null || verdict.isBlank() ? "pending" : Tables.escapeMarkdown(verdict.strip()))
                .append('\n');
        if (detailMarkdown != null && !detailMarkdown.isBlank()) {
            md.append('\n').append(detailMarkdown.strip()).append('\n');
        }
        return md.toString();
    }
}
