package lth.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * An ImageNet (ILSVRC-2012) directory as the runner names it ({@code -Dlth.data.imagenet=DIR}):
 * {@code DIR/train/<wnid>/*.JPEG} and {@code DIR/val/<wnid>/*.JPEG}, the 50,000 validation images
 * sorted into the same class folders (the paper's test set). Opening it checks the layout and the
 * counts and reads no image: images are decoded per batch ({@link ImageNetBatches}), never all
 * held in memory; what is held is the 1.33M file names (tens of MB).
 *
 * <p>A missing directory (or one with neither {@code train/} nor {@code val/}) is
 * {@link DataUnavailableException}: the claim skips with the fix. Anything present but wrong, a
 * missing split, a file outside a class folder, a class in one split only, other counts than the
 * full set's, is {@link DataFormatException} naming the directory or file.
 */
public final class ImageNet {
    public static final String ID = "imagenet";
    public static final int CLASSES = 1000;
    public static final int TRAIN_IMAGES = 1_281_167;
    public static final int VAL_IMAGES = 50_000;

    /**
     * Which counts to demand: {@code full} (the default: 1000 classes, 1,281,167 / 50,000 images),
     * {@code any} (a subset: fixtures, dry runs; the layout is still checked) or exact
     * {@code classes/train/val} such as {@code 3/12/6}. A value of {@code -1} is not checked.
     */
    public record Counts(int classes, int train, int val) {
        public static final Counts FULL = new Counts(CLASSES, TRAIN_IMAGES, VAL_IMAGES);
        public static final Counts ANY = new Counts(-1, -1, -1);

        public static Counts parse(String s) {
            String v = s.trim().toLowerCase(Locale.ROOT);
            if (v.equals("full")) return FULL;
            if (v.equals("any")) return ANY;
            String[] p = v.split("/");
            try {
                if (p.length == 3) return new Counts(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
            throw new IllegalArgumentException("-D" + PROP_COUNTS + "=" + s + ": expected full, any or classes/train/val (e.g. 3/12/6)");
        }

        boolean full() { return equals(FULL); }
    }

    /** The property naming the counts to check; see {@link Counts}. */
    public static final String PROP_COUNTS = "lth.data.imagenet.counts";

    static final String FIX = "pass -Dlth.data.imagenet=DIR holding train/<wnid>/*.JPEG and val/<wnid>/*.JPEG (ILSVRC-2012, "
            + "the val images sorted into their class folders); ImageNet cannot be downloaded here, a runner provides it";

    private final Path dir;
    private final ImageFolder train;
    private final ImageFolder val;
    private final Counts counts;

    private ImageNet(Path dir, ImageFolder train, ImageFolder val, Counts counts) {
        this.dir = dir;
        this.train = train;
        this.val = val;
        this.counts = counts;
    }

    /** Opens and checks {@code dir} (see the class comment); {@code lookedAt} says which property chose it. */
    public static ImageNet open(Path dir, String lookedAt, Counts counts) {
        Path t = dir.resolve("train"), v = dir.resolve("val");
        if (!Files.isDirectory(t) && !Files.isDirectory(v))
            throw new DataUnavailableException(ID, dir + " (" + lookedAt + "), no train/ or val/ folder", FIX);
        for (Path split : new Path[]{t, v})
            if (!Files.isDirectory(split))
                throw new DataFormatException(split, "missing: an ImageNet directory holds train/<wnid>/*.JPEG and val/<wnid>/*.JPEG");
        ImageFolder train = ImageFolder.scan("train", t);
        ImageFolder val = ImageFolder.scan("val", v);
        if (!train.wnids().equals(val.wnids())) {
            TreeSet<String> onlyTrain = new TreeSet<>(train.wnids()), onlyVal = new TreeSet<>(val.wnids());
            onlyTrain.removeAll(val.wnids());
            onlyVal.removeAll(train.wnids());
            throw new DataFormatException(onlyTrain.isEmpty() ? t : v, "train/ and val/ have different class folders: "
                    + (onlyTrain.isEmpty() ? "" : onlyTrain.size() + " missing in val/ " + first(onlyTrain))
                    + (onlyTrain.isEmpty() || onlyVal.isEmpty() ? "" : ", ")
                    + (onlyVal.isEmpty() ? "" : onlyVal.size() + " only in val/ " + first(onlyVal)));
        }
        String relax = counts.full() ? "; for a subset pass -D" + PROP_COUNTS + "=any" : "";
        if (counts.classes() >= 0 && train.wnids().size() != counts.classes())
            throw new DataFormatException(t, train.wnids().size() + " class folders, expected " + counts.classes() + relax);
        if (counts.train() >= 0 && train.size() != counts.train())
            throw new DataFormatException(t, train.size() + " images, expected " + counts.train() + relax);
        if (counts.val() >= 0 && val.size() != counts.val())
            throw new DataFormatException(v, val.size() + " images, expected " + counts.val() + relax);
        return new ImageNet(dir, train, val, counts);
    }

    private static String first(TreeSet<String> s) {
        List<String> l = new ArrayList<>(s);
        return l.size() <= 5 ? l.toString() : l.subList(0, 5) + " ...";
    }

    public Path dir() { return dir; }

    /** The training images (random-resized-crop and flip: {@link ImageNetBatches#train}). */
    public ImageFolder train() { return train; }

    /** The validation images, the paper's test set (resize 256, center crop 224: {@link ImageNetBatches#eval}). */
    public ImageFolder val() { return val; }

    public int classes() { return train.wnids().size(); }

    /** The counts this directory was checked against. */
    public Counts counts() { return counts; }

    /** One line for reports: where, how many, and whether these are the full set's counts. */
    public String describe() {
        String checked = counts.full() ? "the full ILSVRC-2012 counts"
                : counts.equals(Counts.ANY) ? "a SUBSET, counts not checked (-D" + PROP_COUNTS + "=any)"
                : "a SUBSET, counts " + counts.classes() + "/" + counts.train() + "/" + counts.val() + " (-D" + PROP_COUNTS + ")";
        return "ImageNet folders " + dir + ": " + classes() + " classes, train " + train.size() + " / val " + val.size()
                + " images (" + checked + ")";
    }
}
