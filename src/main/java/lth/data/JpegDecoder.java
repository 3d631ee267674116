package lth.data;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Decodes one image file to 8-bit RGB with the JDK's ImageIO (no extra dependency). The reader is
 * chosen by the file's content, not its name (ImageNet has a PNG named .JPEG); CMYK JPEGs, which
 * the JDK decodes since 11, are converted by the JDK's colour conversion; grayscale is replicated
 * into the three channels (as PIL's {@code convert("RGB")}, without the JDK's gamma conversion).
 *
 * <p>A truncated file is an error, as in PIL: the JDK's reader only <em>warns</em> about a missing
 * end ("Premature end of JPEG file", "Truncated File - Missing EOI marker") and returns the image
 * with its missing part filled grey, so those warnings are turned into a {@link DataFormatException}
 * naming the file. Other decoder warnings (e.g. extraneous bytes before a marker) leave a complete
 * image and are tolerated, as libjpeg and PIL tolerate them.
 */
final class JpegDecoder {
    private JpegDecoder() { }

    /** An image as interleaved RGB bytes, row-major: {@code rgb[(y * width + x) * 3 + c]}. */
    record Rgb(int width, int height, byte[] rgb) {
        int at(int x, int y, int c) { return rgb[(y * width + x) * 3 + c] & 0xff; }
    }

    static Rgb decode(Path file) {
        if (!Files.isRegularFile(file)) throw new DataFormatException(file, "file does not exist");
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext())
                throw new DataFormatException(file, "not a readable image: no ImageIO reader recognises its first bytes (expected a JPEG)");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((r, w) -> warnings.add(w));
                BufferedImage img = reader.read(0);
                for (String w : warnings) {
                    String lower = w.toLowerCase(Locale.ROOT);
                    if (lower.contains("truncated") || lower.contains("premature end"))
                        throw new DataFormatException(file, "truncated or corrupt " + reader.getFormatName() + ": " + String.join("; ", warnings));
                }
                return rgb(file, img);
            } finally {
                reader.dispose();
            }
        } catch (DataFormatException e) {
            throw e;
        } catch (IIOException | RuntimeException e) {
            // the JDK's decoders throw IIOException for bad markers and, on some damaged files, runtime exceptions
            throw new DataFormatException(file, "not a readable image: " + e, e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    private static Rgb rgb(Path file, BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        if (w <= 0 || h <= 0) throw new DataFormatException(file, "empty image (" + w + "x" + h + ")");
        byte[] out = new byte[w * h * 3];
        Raster r = img.getRaster();
        int space = img.getColorModel().getColorSpace().getType();
        int colours = img.getColorModel().getNumColorComponents();
        boolean bytes = r.getTransferType() == DataBuffer.TYPE_BYTE && img.getColorModel().getComponentSize(0) == 8;
        int[] row = new int[w * r.getNumBands()];
        if (bytes && space == ColorSpace.TYPE_RGB && colours == 3) {
            // the raster's bands are the colour model's components in R, G, B order (alpha, if any, last)
            int bands = r.getNumBands();
            for (int y = 0; y < h; y++) {
                r.getPixels(0, y, w, 1, row);
                for (int x = 0; x < w; x++)
                    for (int c = 0; c < 3; c++) out[(y * w + x) * 3 + c] = (byte) row[x * bands + c];
            }
        } else if (bytes && space == ColorSpace.TYPE_GRAY && colours == 1) {
            int bands = r.getNumBands();
            for (int y = 0; y < h; y++) {
                r.getPixels(0, y, w, 1, row);
                for (int x = 0; x < w; x++) {
                    byte g = (byte) row[x * bands];
                    out[(y * w + x) * 3] = g;
                    out[(y * w + x) * 3 + 1] = g;
                    out[(y * w + x) * 3 + 2] = g;
                }
            }
        } else {
            int[] argb = new int[w];
            for (int y = 0; y < h; y++) {
                img.getRGB(0, y, w, 1, argb, 0, w);
                for (int x = 0; x < w; x++) {
                    out[(y * w + x) * 3] = (byte) (argb[x] >> 16);
                    out[(y * w + x) * 3 + 1] = (byte) (argb[x] >> 8);
                    out[(y * w + x) * 3 + 2] = (byte) argb[x];
                }
            }
        }
        return new Rgb(w, h, out);
    }
}
