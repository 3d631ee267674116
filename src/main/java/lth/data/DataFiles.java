package lth.data;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** File reading shared by the loaders: whole-file reads with transparent gzip. */
final class DataFiles {

    private DataFiles() {}

    /**
     * The file's bytes, gunzipped when it starts with the gzip magic (0x1f 0x8b) whatever its
     * name: distributions differ on whether the .gz suffix survives, the content does not lie.
     */
    static byte[] readMaybeGzipped(Path file) {
        byte[] raw = readAll(file);
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, raw.length * 4));
                in.transferTo(out);
                return out.toByteArray();
            } catch (EOFException e) {
                throw new DataFormatException(file, "gzip stream is truncated (" + raw.length
                        + " compressed bytes end before the end of the stream)", e);
            } catch (ZipException e) {
                throw new DataFormatException(file, "gzip stream is corrupt: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file, e);
            }
        }
        return raw;
    }

    static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "file does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /** Big-endian 32-bit integer at {@code offset}, the byte order of IDX headers. */
    static int int32(byte[] b, int offset) {
        return ((b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16)
                | ((b[offset + 2] & 0xff) << 8) | (b[offset + 3] & 0xff);
    }
}
