package lth.data;

import java.nio.file.Path;

/**
 * A data file exists but is not what its format promises. The message always starts with the
 * file, then says where (field, record, offset), what was expected and what was found, so a
 * corrupt or half-downloaded file is diagnosed from the report alone without a debugger.
 */
public final class DataFormatException extends RuntimeException {

    private final transient Path file;

    public DataFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public DataFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() { return file; }
}
