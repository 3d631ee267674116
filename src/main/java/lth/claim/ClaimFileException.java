package lth.claim;

import java.nio.file.Path;

/** A claim file that cannot be used: names the file, the field, and what was expected. */
public class ClaimFileException extends RuntimeException {
    private final Path file;
    private final String field;

    public ClaimFileException(Path file, String field, String problem) {
        super(file.getFileName() + ": " + (field == null || field.isEmpty() ? "" : "field '" + field + "': ") + problem);
        this.file = file;
        this.field = field;
    }

    public Path file() { return file; }

    public String field() { return field; }
}
