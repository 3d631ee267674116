package lth.data;

import java.util.Random;

/**
 * The standard CIFAR training augmentation used by the paper's convolutional networks: a random
 * horizontal flip, then a random crop of the original size from the image zero-padded by
 * {@code pad} on every side. Pure: the input is untouched and all randomness comes from
 * {@code rng}, so a seeded run is reproducible. Applied to normalized data, the zero padding is
 * the channel mean, as in the usual pipelines.
 */
public final class Augmentation {

    private Augmentation() {}

    /**
     * @param chw one example, channel-major then row-major, of length c*h*w
     * @return a new array of the same shape
     */
    public static float[] flipAndCrop(float[] chw, int c, int h, int w, int pad, Random rng) {
        if (chw.length != c * h * w)
            throw new IllegalArgumentException("example has " + chw.length + " values, expected " + c * h * w);
        if (pad < 0) throw new IllegalArgumentException("pad must be >= 0, was " + pad);
        // Fixed draw order (flip, dy, dx) so results depend only on the rng state.
        boolean flip = rng.nextBoolean();
        int dy = rng.nextInt(2 * pad + 1) - pad;
        int dx = rng.nextInt(2 * pad + 1) - pad;
        float[] out = new float[chw.length];
        for (int ch = 0; ch < c; ch++) {
            int plane = ch * h * w;
            for (int y = 0; y < h; y++) {
                int sy = y + dy;
                if (sy < 0 || sy >= h) continue; // padding row: stays 0
                for (int x = 0; x < w; x++) {
                    int sx = x + dx;
                    if (sx < 0 || sx >= w) continue;
                    int srcX = flip ? w - 1 - sx : sx;
                    out[plane + y * w + x] = chw[plane + sy * w + srcX];
                }
            }
        }
        return out;
    }
}
