package lth.data;

import java.util.SplittableRandom;

/**
 * The standard ImageNet views (torchvision's, which open_lth and the paper's ResNet-50 runs use),
 * each an example of 3×224×224 floats, channel-major, normalized per channel with the usual ImageNet
 * statistics ({@code (x/255 - MEAN[c]) / STD[c]}: fixed constants, not fitted here).
 * <ul>
 *   <li>training: {@code RandomResizedCrop(224, scale=(0.08, 1), ratio=(3/4, 4/3))} then
 *       {@code RandomHorizontalFlip()}; the draws come from {@link #random(long, int, int)}, so an
 *       example's view is a function of (seed, epoch, index) alone, whatever the batch or thread;</li>
 *   <li>evaluation: {@code Resize(256)} (shorter side to 256) then {@code CenterCrop(224)}.</li>
 * </ul>
 * Python's {@code round} (half to even) is {@link Math#rint}; resampling is {@link Resample}.
 */
public final class ImageNetTransform {
    private ImageNetTransform() { }

    public static final int SIZE = 224;
    public static final int RESIZE = 256;
    public static final int EXAMPLE = 3 * SIZE * SIZE;
    public static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] STD = {0.229f, 0.224f, 0.225f};
    static final double MIN_SCALE = 0.08, MAX_SCALE = 1.0;
    static final double LOG_MIN_RATIO = Math.log(3.0 / 4.0), LOG_MAX_RATIO = Math.log(4.0 / 3.0);

    /**
     * The size of the views: {@code size}×{@code size} crops, evaluation resizing the shorter side to
     * {@code resize}. {@link #STANDARD} (224/256) is the only one a full ImageNet run uses; smaller views
     * ({@link #ofSize}) are for fixture subsets and dry runs, where a 224 crop of a tiny image costs for nothing.
     */
    public record View(int size, int resize) {
        public static final View STANDARD = new View(SIZE, RESIZE);

        public View {
            if (size < 8 || resize < size)
                throw new IllegalArgumentException("an ImageNet view needs a crop of at least 8 and resize >= crop, got " + size + "/" + resize);
        }

        /** The crop {@code size} with the standard ratio of resize to crop (256/224), rounded. */
        public static View ofSize(int size) { return size == SIZE ? STANDARD : new View(size, (int) Math.round(size * (double) RESIZE / SIZE)); }

        /** Floats per example: 3 × size × size. */
        public int example() { return 3 * size * size; }
    }

    /** A crop box in source pixels. */
    public record Box(int left, int top, int width, int height) { }

    /** The random stream of one training example: a hash of (seed, epoch, index), never shared. */
    public static SplittableRandom random(long seed, int epoch, int index) {
        return new SplittableRandom(mix(mix(mix(seed) + epoch) + index));
    }

    /** SplitMix64's finalizer: consecutive inputs give unrelated outputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * torchvision's {@code RandomResizedCrop.get_params}: up to 10 draws of an area fraction in
     * [0.08, 1) and a log-uniform aspect ratio in [3/4, 4/3) whose box fits, else the whole image
     * clamped to the ratio range, centered.
     */
    public static Box randomResizedCrop(int w, int h, SplittableRandom rng) {
        double area = (double) w * h;
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (MIN_SCALE + (MAX_SCALE - MIN_SCALE) * rng.nextDouble());
            double ratio = Math.exp(LOG_MIN_RATIO + (LOG_MAX_RATIO - LOG_MIN_RATIO) * rng.nextDouble());
            int cw = (int) Math.rint(Math.sqrt(target * ratio));
            int ch = (int) Math.rint(Math.sqrt(target / ratio));
            if (cw > 0 && cw <= w && ch > 0 && ch <= h) {
                int top = rng.nextInt(h - ch + 1);
                int left = rng.nextInt(w - cw + 1);
                return new Box(left, top, cw, ch);
            }
        }
        double in = (double) w / h;
        int cw = w, ch = h;
        if (in < 3.0 / 4.0) ch = (int) Math.rint(cw / (3.0 / 4.0));
        else if (in > 4.0 / 3.0) cw = (int) Math.rint(ch * (4.0 / 3.0));
        return new Box((w - cw) / 2, (h - ch) / 2, cw, ch);
    }

    /** {@code Resize(256)}: the shorter side becomes 256, the longer {@code (int) (256 * long / short)}. */
    public static int[] resized(int w, int h) { return resized(w, h, View.STANDARD); }

    /** {@code Resize(view.resize())}: the shorter side becomes {@code resize}, the longer {@code (int) (resize * long / short)}. */
    public static int[] resized(int w, int h, View v) {
        int s = v.resize();
        return w <= h ? new int[]{s, (int) ((long) s * h / w)} : new int[]{(int) ((long) s * w / h), s};
    }

    /** {@code CenterCrop(224)} of the resized image, in resized pixels: offsets {@code rint((size - 224) / 2)}. */
    public static Box centerCrop(int w, int h) { return centerCrop(w, h, View.STANDARD); }

    /** {@code CenterCrop(view.size())} of the view's resized image. */
    public static Box centerCrop(int w, int h, View v) {
        int[] r = resized(w, h, v);
        int s = v.size();
        return new Box((int) Math.rint((r[0] - s) / 2.0), (int) Math.rint((r[1] - s) / 2.0), s, s);
    }

    /** The training view of {@code img} into {@code out} at {@code offset} ({@code v.example()} floats). */
    static void train(JpegDecoder.Rgb img, SplittableRandom rng, View v, float[] out, int offset) {
        Box b = randomResizedCrop(img.width(), img.height(), rng);
        boolean flip = rng.nextBoolean();
        int s = v.size();
        Resample.apply(img, Resample.axis(b.left(), b.width(), s, 0, s),
                Resample.axis(b.top(), b.height(), s, 0, s), flip, out, offset);
        normalize(out, offset, s);
    }

    /** The evaluation view of {@code img} into {@code out} at {@code offset}: only the kept size×size pixels are computed. */
    static void eval(JpegDecoder.Rgb img, View v, float[] out, int offset) {
        int[] r = resized(img.width(), img.height(), v);
        Box c = centerCrop(img.width(), img.height(), v);
        int s = v.size();
        Resample.apply(img, Resample.axis(0, img.width(), r[0], c.left(), s),
                Resample.axis(0, img.height(), r[1], c.top(), s), false, out, offset);
        normalize(out, offset, s);
    }

    static void normalize(float[] out, int offset, int size) {
        int plane = size * size;
        for (int c = 0; c < 3; c++) {
            float m = MEAN[c], s = STD[c];
            for (int i = offset + c * plane, end = i + plane; i < end; i++) out[i] = (out[i] / 255f - m) / s;
        }
    }
}
