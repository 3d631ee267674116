package lth.report;

import java.util.List;

/** Small tables for the "paper vs measured" attachment of each claim case. */
public final class Tables {
    private Tables() {}

    /**
     * A self-contained HTML table (inline style, since Allure shows HTML attachments in an iframe
     * without the report's CSS). Every cell is escaped.
     */
    public static String html(List<String> header, List<? extends List<?>> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("<table style=\"border-collapse:collapse;font:13px sans-serif\">\n<thead><tr>");
        for (String h : header) {
            sb.append("<th style=\"border:1px solid #999;padding:3px 8px;background:#eee\">")
                    .append(escapeHtml(h)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<?> row : rows) {
            sb.append("<tr>");
            for (Object cell : row) {
                sb.append("<td style=\"border:1px solid #999;padding:3px 8px\">")
                        .append(escapeHtml(Text.of(cell))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    /**
     * A GitHub-flavoured Markdown table; pipes are escaped and line breaks flattened. &lt; &gt; &amp;
     * are HTML-escaped too: Markdown passes raw HTML through, so "&lt;early stop&gt;" would vanish as a tag.
     */
    public static String markdown(List<String> header, List<? extends List<?>> rows) {
        return markdown(header, rows, Tables::escapeMarkdown);
    }

    /**
     * The same table for a Markdown file that is also read as plain text (reports/SUMMARY.md): no HTML
     * entities; a '&lt;' is backslash-escaped (GitHub renders "\&lt;" as '&lt;', never as a tag), '&gt;' and '&amp;' stay.
     */
    public static String plainMarkdown(List<String> header, List<? extends List<?>> rows) {
        return markdown(header, rows, Tables::escapePlainMarkdown);
    }

    public static String escapePlainMarkdown(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("<", "\\<");
    }

    private static String markdown(List<String> header, List<? extends List<?>> rows,
                                   java.util.function.UnaryOperator<String> escape) {
        StringBuilder sb = new StringBuilder();
        appendMdRow(sb, header, escape);
        sb.append('|');
        for (int i = 0; i < header.size(); i++) {
            sb.append(" --- |");
        }
        sb.append('\n');
        for (List<?> row : rows) {
            appendMdRow(sb, row, escape);
        }
        return sb.toString();
    }

    public static String escapeHtml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** For text dropped into Markdown: backslash and the HTML specials; Markdown emphasis is left alone. */
    public static String escapeMarkdown(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void appendMdRow(StringBuilder sb, List<?> cells, java.util.function.UnaryOperator<String> escape) {
        sb.append('|');
        for (Object cell : cells) {
            String s = escape.apply(Text.of(cell)).replace("|", "\\|").replaceAll("\\R", " ");
            sb.append(' ').append(s).append(" |");
        }
        sb.append('\n');
    }
}
