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
    public static int[] resized(int w, int h) {
        return w <= h ? new int[]{RESIZE, (int) ((long) RESIZE * h / w)} : new int[]{(int) ((long) RESIZE * w / h), RESIZE};
    }

    /** {@code CenterCrop(224)} of the resized image, in resized pixels: offsets {@code rint((size - 224) / 2)}. */
    public static Box centerCrop(int w, int h) {
        int[] r = resized(w, h);
        return new Box((int) Math.rint((r[0] - SIZE) / 2.0), (int) Math.rint((r[1] - SIZE) / 2.0), SIZE, SIZE);
    }

    /** The training view of {@code img} into {@code out} at {@code offset} (EXAMPLE floats). */
    static void train(JpegDecoder.Rgb img, SplittableRandom rng, float[] out, int offset) {
        Box b = randomResizedCrop(img.width(), img.height(), rng);
        boolean flip = rng.nextBoolean();
        Resample.apply(img, Resample.axis(b.left(), b.width(), SIZE, 0, SIZE),
                Resample.axis(b.top(), b.height(), SIZE, 0, SIZE), flip, out, offset);
        normalize(out, offset);
    }

    /** The evaluation view of {@code img} into {@code out} at {@code offset}: only the 224×224 kept pixels are computed. */
    static void eval(JpegDecoder.Rgb img, float[] out, int offset) {
        int[] r = resized(img.width(), img.height());
        Box c = centerCrop(img.width(), img.height());
        Resample.apply(img, Resample.axis(0, img.width(), r[0], c.left(), SIZE),
                Resample.axis(0, img.height(), r[1], c.top(), SIZE), false, out, offset);
        normalize(out, offset);
    }

    static void normalize(float[] out, int offset) {
        int plane = SIZE * SIZE;
        for (int c = 0; c < 3; c++) {
            float m = MEAN[c], s = STD[c];
            for (int i = offset + c * plane, end = i + plane; i < end; i++) out[i] = (out[i] / 255f - m) / s;
        }
    }
}
