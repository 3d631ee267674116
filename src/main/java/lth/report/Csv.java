package lth.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CSV per RFC 4180: CRLF line ends, fields quoted only when they must be, quotes doubled. */
public final class Csv {
    private Csv() {}

    /** The whole table as text: header line, then one line per row. */
    public static String toString(List<String> header, List<? extends List<?>> rows) {
        StringBuilder sb = new StringBuilder();
        appendLine(sb, header);
        for (List<?> row : rows) {
            appendLine(sb, row);
        }
        return sb.toString();
    }

    /** Writes {@link #toString} as UTF-8, creating parent directories. */
    public static Path write(Path file, List<String> header, List<? extends List<?>> rows) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        return Files.writeString(file, toString(header, rows), StandardCharsets.UTF_8);
    }

    /** One field, quoted if it holds a comma, a quote, CR or LF; null becomes empty. */
    public static String field(Object value) {
        String s = Text.of(value);
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static void appendLine(StringBuilder sb, List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(fields.get(i)));
        }
        sb.append("\r\n");
    }
}
