package lth.data;

import java.nio.file.Path;

/**
 * Reads the IDX format used by MNIST and Fashion-MNIST, raw or gzipped. Every header field is
 * checked against the bytes actually present, because a half-downloaded or swapped file would
 * otherwise train silently on garbage and corrupt a verdict.
 */
public final class IdxReader {

    /** 0x00000803: unsigned bytes, 3 dimensions (n, rows, cols). */
    public static final int IMAGES_MAGIC = 2051;
    /** 0x00000801: unsigned bytes, 1 dimension (n). */
    public static final int LABELS_MAGIC = 2049;

    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_HEADER = 8;

    private IdxReader() {}

    /** Images as floats in 0..1 (byte / 255), row-major, one image after another. */
    public static IdxImages readImages(Path file) {
        byte[] b = DataFiles.readMaybeGzipped(file);
        checkHeader(file, b, IMAGES_HEADER, IMAGES_MAGIC, "IDX images");
        int n = nonNegative(file, "image count (offset 4)", DataFiles.int32(b, 4));
        int rows = nonNegative(file, "row count (offset 8)", DataFiles.int32(b, 8));
        int cols = nonNegative(file, "column count (offset 12)", DataFiles.int32(b, 12));
        long dim = (long) rows * cols;
        long expected = IMAGES_HEADER + (long) n * dim;
        if (b.length != expected) {
            String where = b.length < expected
                    ? "; image " + (b.length - IMAGES_HEADER) / Math.max(dim, 1) + " is the first incomplete one"
                    : "; " + (b.length - expected) + " trailing bytes after the last image";
            throw new DataFormatException(file, "header promises " + n + " images of " + rows + "x"
                    + cols + " = " + expected + " bytes in all, found " + b.length + " bytes" + where);
        }
        float[] pixels = new float[(int) (n * dim)];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (b[IMAGES_HEADER + i] & 0xff) / 255f;
        return new IdxImages(n, rows, cols, pixels);
    }

    /** Labels, each checked to lie in 0..numClasses-1. */
    public static int[] readLabels(Path file, int numClasses) {
        byte[] b = DataFiles.readMaybeGzipped(file);
        checkHeader(file, b, LABELS_HEADER, LABELS_MAGIC, "IDX labels");
        int n = nonNegative(file, "label count (offset 4)", DataFiles.int32(b, 4));
        long expected = LABELS_HEADER + (long) n;
        if (b.length != expected) {
            String what = b.length < expected ? "truncated" : (b.length - expected) + " trailing bytes";
            throw new DataFormatException(file, "header promises " + n + " labels = " + expected
                    + " bytes in all, found " + b.length + " bytes (" + what + ")");
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int label = b[LABELS_HEADER + i] & 0xff;
            if (label >= numClasses)
                throw new DataFormatException(file, "label " + i + " (offset " + (LABELS_HEADER + i)
                        + ") is " + label + ", expected 0.." + (numClasses - 1));
            labels[i] = label;
        }
        return labels;
    }

    /** An image file and its label file as one single-channel dataset; their counts must agree. */
    public static Dataset read(String name, String source, Path images, Path labels, int numClasses) {
        IdxImages img = readImages(images);
        int[] lab = readLabels(labels, numClasses);
        if (img.count() != lab.length)
            throw new DataFormatException(labels, "has " + lab.length + " labels but "
                    + images.getFileName() + " has " + img.count() + " images; expected equal counts");
        return new Dataset(name, source, 1, img.rows(), img.cols(), numClasses, img.pixels(), lab);
    }

    private static void checkHeader(Path file, byte[] b, int headerLength, int magic, String kind) {
        if (b.length == 0)
            throw new DataFormatException(file, "file is empty, expected a " + headerLength
                    + "-byte " + kind + " header");
        if (b.length < 4)
            throw new DataFormatException(file, "file is " + b.length + " bytes, too short for the "
                    + "magic number; expected a " + headerLength + "-byte " + kind + " header");
        int found = DataFiles.int32(b, 0);
        if (found != magic) {
            String hint = found == IMAGES_MAGIC ? " (this is an image file)"
                    : found == LABELS_MAGIC ? " (this is a label file)" : "";
            throw new DataFormatException(file, "magic number is " + found + hint + ", expected "
                    + magic + " (" + kind + ")");
        }
        if (b.length < headerLength)
            throw new DataFormatException(file, "header is truncated: " + b.length + " bytes, expected "
                    + headerLength + " (" + kind + ")");
    }

    private static int nonNegative(Path file, String field, int value) {
        if (value < 0)
            throw new DataFormatException(file, field + " is " + Integer.toUnsignedString(value)
                    + ", larger than this reader supports (expected < 2^31)");
        return value;
    }
}
