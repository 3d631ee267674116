package lth.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static lth.data.DataCatalog.CIFAR10;
import static lth.data.DataCatalog.PROP_CIFAR10;

/**
 * Reads the CIFAR-10 binary version: each record is 1 label byte then 3072 pixel bytes (1024 R,
 * 1024 G, 1024 B, each plane row-major 32x32). That is already CHW order, so pixels are copied
 * straight through, scaled by 1/255. The official files hold 10,000 records each; this reader
 * accepts any whole number of records so that tiny fixtures use the same code path.
 */
public final class Cifar10Reader {

    public static final int CHANNELS = 3;
    public static final int SIDE = 32;
    public static final int PIXELS = CHANNELS * SIDE * SIDE;
    public static final int RECORD = 1 + PIXELS;
    public static final int CLASSES = 10;
    public static final int RECORDS_PER_BATCH = 10_000;

    public static final String[] TRAIN_BATCHES = {
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"};
    public static final String TEST_BATCH = "test_batch.bin";

    private Cifar10Reader() {}

    /**
     * The catalog's CIFAR-10 ({@link DataCatalog#load}): the 50,000 training records of {@code dir} split
     * 45,000 / 5,000 (stratified, {@link DataCatalog#SPLIT_SEED}), {@code test_batch} as test, normalized
     * with statistics of the 45K training part only (never of validation, test or another dataset).
     */
    static Splits splits(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String f : TRAIN_BATCHES) if (!Files.isRegularFile(dir.resolve(f))) missing.add(f);
        if (!Files.isRegularFile(dir.resolve(TEST_BATCH))) missing.add(TEST_BATCH);
        if (!missing.isEmpty())
            throw new DataUnavailableException(CIFAR10, dir + " (" + PROP_CIFAR10 + "), missing "
                    + String.join(", ", missing), "pass -D" + PROP_CIFAR10 + "=DIR pointing at the extracted "
                    + "CIFAR-10 binary version (cifar-10-batches-bin: data_batch_1..5.bin, test_batch.bin); "
                    + "no package reachable here ships it, so scripts/setup-data cannot fetch it");
        String source = "CIFAR-10 binary version: " + dir + "/{data_batch_1..5,test_batch}.bin";
        Dataset train = readTrain(dir, CIFAR10, source);
        Dataset test = readTest(dir, CIFAR10 + "/test", source);
        train = DataCatalog.expectFull(dir.resolve(TRAIN_BATCHES[0]), CIFAR10, train, 50_000, "training records");
        test = DataCatalog.expectFull(dir.resolve(TEST_BATCH), CIFAR10, test, 10_000, "test records");
        Dataset[] p = StratifiedSplit.split(train, DataCatalog.trainAndValidation(train.size(), 10), DataCatalog.SPLIT_SEED,
                CIFAR10 + "/train", CIFAR10 + "/validation");
        return Normalization.fitOnTrainAndApply(new Splits(p[0], p[1], test));
    }

    /** One batch file as a dataset. */
    public static Dataset readBatch(Path file, String name, String source) {
        return readBatches(new Path[] {file}, name, source);
    }

    /** The five training batches of {@code dir}, in order, as one dataset. */
    public static Dataset readTrain(Path dir, String name, String source) {
        Path[] files = new Path[TRAIN_BATCHES.length];
        for (int i = 0; i < files.length; i++) files[i] = dir.resolve(TRAIN_BATCHES[i]);
        return readBatches(files, name, source);
    }

    /** {@code test_batch.bin} of {@code dir}. */
    public static Dataset readTest(Path dir, String name, String source) {
        return readBatch(dir.resolve(TEST_BATCH), name, source);
    }

    private static Dataset readBatches(Path[] files, String name, String source) {
        // Check every file is present before reading any: a missing batch is reported at once,
        // not after seconds of reading the others.
        for (Path f : files)
            if (!Files.isRegularFile(f))
                throw new DataFormatException(f, "batch file does not exist; a CIFAR-10 binary directory "
                        + "holds data_batch_1.bin .. data_batch_5.bin and test_batch.bin");
        byte[][] raw = new byte[files.length][];
        int total = 0;
        for (int i = 0; i < files.length; i++) {
            raw[i] = DataFiles.readAll(files[i]);
            total += records(files[i], raw[i]);
        }
        float[] pixels = new float[total * PIXELS];
        int[] labels = new int[total];
        int at = 0;
        for (int i = 0; i < files.length; i++) {
            byte[] b = raw[i];
            int n = b.length / RECORD;
            for (int r = 0; r < n; r++, at++) {
                int off = r * RECORD;
                int label = b[off] & 0xff;
                if (label >= CLASSES)
                    throw new DataFormatException(files[i], "record " + r + " (offset " + off + ") has label "
                            + label + ", expected 0.." + (CLASSES - 1));
                labels[at] = label;
                int dst = at * PIXELS;
                for (int k = 0; k < PIXELS; k++) pixels[dst + k] = (b[off + 1 + k] & 0xff) / 255f;
            }
        }
        return new Dataset(name, source, CHANNELS, SIDE, SIDE, CLASSES, pixels, labels);
    }

    private static int records(Path file, byte[] b) {
        if (b.length == 0)
            throw new DataFormatException(file, "file is empty, expected records of " + RECORD + " bytes");
        if (b.length % RECORD != 0)
            throw new DataFormatException(file, "length " + b.length + " is not a multiple of the "
                    + RECORD + "-byte record (1 label + 3072 pixels): record " + b.length / RECORD
                    + " (offset " + (b.length / RECORD) * (long) RECORD + ") is " + b.length % RECORD
                    + " bytes long");
        return b.length / RECORD;
    }
}
