package lth.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CSV per RFC 4180 (Apache Commons CSV): CRLF line ends, fields quoted only when they must be,
 * quotes doubled. Values are written as {@link Text#of} renders them.
 */
public final class Csv {
    private Csv() {}

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").build();

    /** The whole table as text: header line, then one line per row. */
    public static String toString(List<String> header, List<? extends List<?>> rows) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter out = new CSVPrinter(sb, FORMAT)) {
            out.printRecord(header);
            for (List<?> row : rows) out.printRecord(row.stream().map(Text::of).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);       // a StringBuilder does not throw
        }
        return sb.toString();
    }

    /** Writes {@link #toString} as UTF-8, creating parent directories. */
    public static Path write(Path file, List<String> header, List<? extends List<?>> rows) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        return Files.writeString(file, toString(header, rows), StandardCharsets.UTF_8);
    }

    /** One field as it appears in a line (quoted if it holds a comma, a quote, CR or LF; null is empty). */
    public static String field(Object value) {
        String line = toString(List.of(), List.of(java.util.Collections.singletonList(value)));
        return line.substring(line.indexOf("\r\n") + 2, line.length() - 2);
    }
}
