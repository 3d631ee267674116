package lth.data;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static lth.data.ImageNetTransform.SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/** The ImageNet views: crop geometry as torchvision computes it, the resampling, seeded determinism. */
class ImageNetTransformTest {
    static final int LEN = ImageNetTransform.EXAMPLE;

    @TempDir Path root;

    /** A synthetic decoded image: R = f(x), G = g(y), B constant. */
    static JpegDecoder.Rgb ramp(int w, int h) {
        byte[] b = new byte[w * h * 3];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                b[(y * w + x) * 3] = (byte) (x % 256);
                b[(y * w + x) * 3 + 1] = (byte) (y % 256);
                b[(y * w + x) * 3 + 2] = (byte) 77;
            }
        return new JpegDecoder.Rgb(w, h, b);
    }

    static float unnormalize(float v, int c) { return (v * ImageNetTransform.STD[c] + ImageNetTransform.MEAN[c]) * 255f; }

    @ParameterizedTest(name = "{0}x{1}: resized to {2}x{3}, center crop at ({4}, {5})")
    @CsvSource({
            "500, 375, 341, 256, 58, 16",     // (341-224)/2 = 58.5 rounds half to even: 58
            "375, 500, 256, 341, 16, 58",
            "300, 300, 256, 256, 16, 16",
            "257, 256, 257, 256, 16, 16",     // 16.5 -> 16
            "259, 256, 259, 256, 18, 16",     // 17.5 -> 18
            "257, 1000, 256, 996, 16, 386",   // 256*1000/257 = 996.1, truncated
            "17, 23, 256, 346, 16, 61",       // upscaled: 256*23/17 = 346.4
    })
    void centerCropGeometry(int w, int h, int rw, int rh, int left, int top) {
        assertThat(ImageNetTransform.resized(w, h)).containsExactly(rw, rh);
        assertThat(ImageNetTransform.centerCrop(w, h)).isEqualTo(new ImageNetTransform.Box(left, top, SIZE, SIZE));
    }

    @Test
    @DisplayName("evaluation view of an image whose shorter side is 256: no resampling, exactly the centered 224x224 pixels")
    void evalViewIsTheCenterCrop() {
        JpegDecoder.Rgb img = ramp(256, 300);       // resized = itself; crop at (16, 38)
        float[] out = new float[LEN];
        ImageNetTransform.eval(img, ImageNetTransform.View.STANDARD, out, 0);
        for (int y : new int[]{0, 100, 217})             // source rows 38..255 (G = y mod 256)
            for (int x : new int[]{0, 57, 223}) {
                assertThat(unnormalize(out[y * SIZE + x], 0)).isCloseTo(16 + x, offset(1e-3f));
                assertThat(unnormalize(out[SIZE * SIZE + y * SIZE + x], 1)).isCloseTo(38 + y, offset(1e-3f));
                assertThat(unnormalize(out[2 * SIZE * SIZE + y * SIZE + x], 2)).isCloseTo(77, offset(1e-3f));
            }
        // normalization with the ImageNet constants: B = 77 -> (77/255 - 0.406) / 0.225
        assertThat(out[2 * SIZE * SIZE]).isCloseTo((77 / 255f - 0.406f) / 0.225f, offset(1e-5f));
    }

    @Test
    @DisplayName("downscaling is antialiased as PIL's bilinear: a ramp halves to the means of pixel pairs (interior)")
    void antialiasedDownscale() {
        JpegDecoder.Rgb img = ramp(256, 4);
        Resample.Axis ax = Resample.axis(0, 256, 128, 0, 128), ay = Resample.axis(0, 4, 4, 0, 4);
        assertThat(ax.count()[10]).as("support widened to 4 source pixels").isEqualTo(4);
        float[] out = new float[3 * 128 * 4];
        Resample.apply(img, ax, ay, false, out, 0);
        for (int o = 1; o < 127; o++) assertThat(out[o]).isCloseTo(2 * o + 0.5f, offset(1e-3f));
        float[] flipped = new float[out.length];
        Resample.apply(img, ax, ay, true, flipped, 0);
        for (int o = 0; o < 128; o++) assertThat(flipped[127 - o]).isEqualTo(out[o]);
    }

    @Test
    @DisplayName("random-resized-crop boxes fit the image with area 8-100% and aspect 3/4-4/3; extreme images fall back to a centered box")
    void randomResizedCropBoxes() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            int w = 20 + rng.nextInt(600), h = 20 + rng.nextInt(600);
            ImageNetTransform.Box b = ImageNetTransform.randomResizedCrop(w, h, rng);
            assertThat(b.left()).isBetween(0, w - b.width());
            assertThat(b.top()).isBetween(0, h - b.height());
            if (b.width() == w || b.height() == h) continue;              // possibly the fallback (tested below)
            // the drawn sides were rounded to integers: each was within half a pixel of the real draw
            assertThat((b.width() + 0.5) * (b.height() + 0.5)).isGreaterThanOrEqualTo(0.08 * w * h);
            assertThat((b.width() - 0.5) / (b.height() + 0.5)).isLessThanOrEqualTo(4.0 / 3.0);
            assertThat((b.width() + 0.5) / (b.height() - 0.5)).isGreaterThanOrEqualTo(3.0 / 4.0);
        }
        // 1000x10: no draw fits; the fallback keeps the height and clamps the width to 4/3 of it, centered
        assertThat(ImageNetTransform.randomResizedCrop(1000, 10, new SplittableRandom(1)))
                .isEqualTo(new ImageNetTransform.Box(493, 0, 13, 10));
        assertThat(ImageNetTransform.randomResizedCrop(10, 1000, new SplittableRandom(1)))
                .isEqualTo(new ImageNetTransform.Box(0, 493, 10, 13));
    }

    @Test
    @DisplayName("training views are a function of (seed, epoch, index): the same whatever the batch, order or thread count")
    void seededAugmentationIsDeterministic() {
        ImageNet in = ImageNet.open(ImageNetFixtures.write(root, 5, 2), "test", ImageNet.Counts.ANY);
        int[] idx = {0, 7, 14, 3};
        float[] a = new float[4 * LEN], b = new float[4 * LEN], c = new float[4 * LEN];
        int[] la = new int[4], lb = new int[4], lc = new int[4];
        try (ImageNetBatches one = ImageNetBatches.train(in.train(), 42, 1);
             ImageNetBatches three = ImageNetBatches.train(in.train(), 42, 3)) {
            one.fill(2, idx, a, la);
            three.fill(2, idx, b, lb);
            assertThat(b).isEqualTo(a);
            assertThat(lb).containsExactly(0, 1, 2, 0).isEqualTo(la);
            three.fill(2, new int[]{3, 14, 7, 0}, c, lc);                     // reversed batch: the same views, reversed
            assertThat(Arrays.copyOfRange(c, 3 * LEN, 4 * LEN)).isEqualTo(Arrays.copyOfRange(a, 0, LEN));
            three.fill(3, idx, c, lc);
            assertThat(Arrays.copyOfRange(c, 0, LEN)).as("another epoch, another view").isNotEqualTo(Arrays.copyOfRange(a, 0, LEN));
        }
        try (ImageNetBatches other = ImageNetBatches.train(in.train(), 43, 2)) {
            other.fill(2, idx, c, lc);
            assertThat(Arrays.copyOfRange(c, 0, LEN)).as("another seed, another view").isNotEqualTo(Arrays.copyOfRange(a, 0, LEN));
        }
        for (float v : a) assertThat(v).isBetween(-2.2f, 2.7f);               // (0-0.485)/0.229 .. (1-0.406)/0.225
    }

    @Test
    @DisplayName("epochs: a seeded permutation per epoch, full batches only; evaluation views are fixed; a broken file names itself")
    void batches() throws Exception {
        ImageNet in = ImageNet.open(ImageNetFixtures.write(root, 5, 2), "test", ImageNet.Counts.ANY);
        int[] p = ImageNetBatches.epochOrder(15, 42, 0);
        assertThat(IntStream.of(p).sorted().toArray()).isEqualTo(IntStream.range(0, 15).toArray());
        assertThat(ImageNetBatches.epochOrder(15, 42, 0)).isEqualTo(p);
        assertThat(ImageNetBatches.epochOrder(15, 42, 1)).isNotEqualTo(p);
        float[] x = new float[4 * LEN], y = new float[4 * LEN];
        int[] l = new int[4];
        try (ImageNetBatches train = ImageNetBatches.train(in.train(), 42, 2);
             ImageNetBatches eval = ImageNetBatches.eval(in.val(), 2)) {
            assertThat(train.batchesPerEpoch(4)).isEqualTo(3);
            int[] got = train.batch(0, 2, 4, x, l);
            assertThat(got).containsExactly(Arrays.copyOfRange(p, 8, 12));
            for (int i = 0; i < 4; i++) assertThat(l[i]).isEqualTo(in.train().label(got[i]));
            assertThatThrownBy(() -> train.batch(0, 3, 4, x, l)).isInstanceOf(IllegalArgumentException.class);
            eval.fill(0, new int[]{0, 5}, x, l);
            eval.fill(7, new int[]{0, 5}, y, l);
            assertThat(Arrays.copyOf(y, 2 * LEN)).isEqualTo(Arrays.copyOf(x, 2 * LEN));
            assertThat(l[1]).isEqualTo(2);
            java.nio.file.Files.write(in.val().file(5), new byte[]{(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
            assertThatThrownBy(() -> eval.fill(0, new int[]{0, 5}, x, l)).isInstanceOf(DataFormatException.class)
                    .hasMessageStartingWith(in.val().file(5).toString());
        }
    }
}
