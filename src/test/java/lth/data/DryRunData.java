package lth.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The nightly dry run's data ({@code scripts/nightly-dry-run}): generated files in the real on-disk formats, a
 * tenth of the official counts ({@code -Dlth.data.counts=any}: the loaders split them in the paper's shares), with
 * a learnable class pattern plus noise. Not MNIST, CIFAR-10 or ImageNet: nothing trained on them says anything
 * about those. (At the full counts the claims JVM holds CIFAR-10 several times over and evaluates 15,000 images
 * per evaluation: the dry run's memory and most of its time.)
 * <ul>
 *   <li>{@code DIR/mnist}: the four IDX files, 6,000 training and 1,000 test images of 28×28;</li>
 *   <li>{@code DIR/cifar-10-batches-bin}: {@code data_batch_1..5.bin} and {@code test_batch.bin}, 1,000 records each;</li>
 *   <li>{@code DIR/imagenet}: {@code train/<wnid>/*.JPEG} and {@code val/<wnid>/*.JPEG}, 3 classes of 20 / 4 small JPEGs
 *       (a subset: {@code -Dlth.data.imagenet.counts=any}).</li>
 * </ul>
 * Usage: {@code java -cp <test classpath> lth.data.DryRunData DIR}; prints the {@code -Dlth.data.*} flags.
 */
public final class DryRunData {
    private DryRunData() { }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) throw new IllegalArgumentException("usage: DryRunData DIR");
        Path dir = Path.of(args[0]).toAbsolutePath();
        Path mnist = dir.resolve("mnist"), cifar = dir.resolve("cifar-10-batches-bin"), imagenet = dir.resolve("imagenet");
        writeMnist(mnist);
        writeCifar(cifar);
        ImageNetFixtures.write(imagenet, 20, 4);
        System.out.println("-Dlth.data.mnist=" + mnist + " -Dlth.data.cifar10=" + cifar + " -Dlth.data.imagenet=" + imagenet
                + " -D" + DataCatalog.PROP_COUNTS + "=any -D" + ImageNet.PROP_COUNTS + "=any");
    }

    static void writeMnist(Path dir) throws IOException {
        idx(dir, "train", 6_000, 1);
        idx(dir, "t10k", 1_000, 2);
    }

    private static void idx(Path dir, String prefix, int n, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] pixels = new byte[n * 784], labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = i % 10;
            labels[i] = (byte) c;
            for (int p = 0; p < 784; p++) {
                boolean on = (p / 28) / 3 == c || (p % 28) / 3 == 9 - c;      // a row band and a column band per class
                pixels[i * 784 + p] = (byte) Math.min(255, (on ? 170 : 10) + rng.nextInt(80));
            }
        }
        DataFileWriter.write(dir.resolve(prefix + "-images-idx3-ubyte"), DataFileWriter.idxImages(2051, n, 28, 28, pixels));
        DataFileWriter.write(dir.resolve(prefix + "-labels-idx1-ubyte"), DataFileWriter.idxLabels(2049, n, labels));
    }

    static void writeCifar(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int b = 0; b < Cifar10Reader.TRAIN_BATCHES.length; b++) cifarBatch(dir.resolve(Cifar10Reader.TRAIN_BATCHES[b]), 10 + b);
        cifarBatch(dir.resolve(Cifar10Reader.TEST_BATCH), 20);
    }

    static final int RECORDS = Cifar10Reader.RECORDS_PER_BATCH / 10;

    private static void cifarBatch(Path file, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        ByteBuffer record = ByteBuffer.allocate(Cifar10Reader.RECORD);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int i = 0; i < RECORDS; i++) {
                int c = i % 10;
                record.clear();
                record.put((byte) c);
                for (int ch = 0; ch < 3; ch++)
                    for (int p = 0; p < 1024; p++) {
                        int base = ((c >> ch) & 1) == 1 ? 150 : 40;                 // class bits as channel brightness
                        if ((p / 32) / 4 == c % 8) base += 60;                      // and a row band
                        record.put((byte) Math.min(255, base + rng.nextInt(50)));
                    }
                out.write(record.array());
            }
        }
    }
}
