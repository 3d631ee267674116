package lth.data;

import java.util.Arrays;

/**
 * ImageNet as a run reads it, streamed ({@link ImageNetBatches}): training on {@code train/} less a
 * held-out part, early stop on that held-out part, test on {@code val/} (the 50,000 images the paper
 * reports top-1 on). The held-out part is {@link #VALIDATION} images of {@code train/}, stratified by
 * class under {@link DataCatalog#SPLIT_SEED} like every other dataset's validation split (the same
 * images for every trial and claim), never {@code val/}: a run's early stop is not chosen on its test set.
 * A subset (fixtures, dry runs) holds out 1/128 of its images, at least one per class.
 *
 * <p>{@code view} is the size of the images the network sees: 224×224 ({@link ImageNetTransform.View#STANDARD})
 * on the real set; smaller only for subsets (see {@link DataCatalog#imagenetSplits()}).
 */
public record ImageNetSplits(ImageNet source, ImageFolder train, ImageFolder validation, ImageFolder test,
                             ImageNetTransform.View view) implements TrainingData {
    /** Held-out validation images of the full training set (of its 1,281,167: 1,271,167 are left to train on). */
    public static final int VALIDATION = 10_000;

    /** Splits {@code in} as the class comment says, with views of {@code view}'s size. */
    public static ImageNetSplits of(ImageNet in, ImageNetTransform.View view) {
        ImageFolder all = in.train();
        int held = validationSize(all.dir(), all.size(), in.classes());
        int[] labels = new int[all.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = all.label(i);
        int[][] parts = StratifiedSplit.indices(labels, in.classes(), new int[]{held, all.size() - held}, DataCatalog.SPLIT_SEED);
        for (int[] p : parts) Arrays.sort(p);
        return new ImageNetSplits(in, all.part("train (less the held-out validation)", parts[1]),
                all.part("validation (held out of train)", parts[0]), in.val(), view);
    }

    /** A smaller view for a subset: {@code -Dlth.data.imagenet.size=32} crops 32×32 (resize 37); unset: 224. */
    public static final String PROP_SIZE = "lth.data.imagenet.size";

    /**
     * The view {@code -D}{@value #PROP_SIZE} asks for: the standard one unless set; another size only for a
     * subset ({@link ImageNet.Counts} not full), so that nothing can train the real set on smaller images.
     */
    static ImageNetTransform.View view(String size, ImageNet.Counts counts) {
        if (size == null || size.isBlank()) return ImageNetTransform.View.STANDARD;
        int s;
        try {
            s = Integer.parseInt(size.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROP_SIZE + "=" + size + " is not a crop size in pixels");
        }
        if (s != ImageNetTransform.SIZE && counts.equals(ImageNet.Counts.FULL))
            throw new IllegalArgumentException("-D" + PROP_SIZE + "=" + size + ": views other than 224x224 are for subsets"
                    + " (fixtures, dry runs: -D" + ImageNet.PROP_COUNTS + "=any), never for the full ImageNet set");
        return ImageNetTransform.View.ofSize(s);
    }

    /** {@link #VALIDATION}, or 1/128 of a smaller set (at least one image per class), never all of it. */
    static int validationSize(java.nio.file.Path dir, int trainImages, int classes) {
        int n = Math.min(VALIDATION, Math.max(classes, trainImages / 128));
        if (n >= trainImages)
            throw new DataFormatException(dir, "" + trainImages + " images in " + classes
                    + " classes: too few to hold out a validation part of " + n + " and train on the rest");
        return n;
    }

    @Override public int channels() { return 3; }

    @Override public int height() { return view.size(); }

    @Override public int width() { return view.size(); }

    @Override public int classes() { return source.classes(); }

    @Override public String describe() {
        return source.describe() + "; train " + train.size() + " / validation " + validation.size()
                + " (held out of train/) / test " + test.size() + " (val/), streamed; views " + view.size() + "x" + view.size()
                + (view.equals(ImageNetTransform.View.STANDARD) ? "" : " (NOT the standard 224: a subset's view)");
    }
}
