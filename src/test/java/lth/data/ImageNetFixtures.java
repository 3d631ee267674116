package lth.data;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Small ImageNet directories in the real layout, written by the tests: {@code train/<wnid>/*.JPEG}
 * and {@code val/<wnid>/*.JPEG}, real JPEGs of varied sizes and aspect ratios (ImageIO's writer).
 */
public final class ImageNetFixtures {
    private ImageNetFixtures() { }

    public static final List<String> WNIDS = List.of("n01440764", "n02102040", "n03000684");
    /** Width × height of the images, cycled: landscape, portrait, square, tiny, wide. */
    static final int[][] SIZES = {{80, 60}, {45, 70}, {64, 64}, {17, 23}, {120, 40}};

    /** Three classes, {@code train} images each in train/, {@code val} in val/. */
    public static Path write(Path root, int train, int val) {
        for (int c = 0; c < WNIDS.size(); c++) {
            for (int i = 0; i < train; i++)
                jpeg(root.resolve("train").resolve(WNIDS.get(c)).resolve(WNIDS.get(c) + "_" + (i + 1) + ".JPEG"), c * 10 + i);
            for (int i = 0; i < val; i++)
                jpeg(root.resolve("val").resolve(WNIDS.get(c)).resolve("ILSVRC2012_val_000" + c + (i + 1) + ".JPEG"), 100 + c * 10 + i);
        }
        return root;
    }

    /** A JPEG of one of {@link #SIZES} with a colour pattern that depends on {@code k}. */
    static Path jpeg(Path file, int k) {
        int[] s = SIZES[k % SIZES.length];
        return write(file, image(s[0], s[1], k), "jpeg");
    }

    static BufferedImage image(int w, int h, int k) {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                im.setRGB(x, y, ((x * 255 / w + k * 40) & 255) << 16 | ((y * 255 / h) & 255) << 8 | ((k * 70 + 30) & 255));
        return im;
    }

    static Path write(Path file, BufferedImage im, String format) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(im, format, file.toFile())) throw new IllegalStateException("no ImageIO writer for " + format);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
