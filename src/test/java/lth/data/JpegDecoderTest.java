package lth.data;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decoding ImageNet files: what decodes and how, and broken files as errors naming the file. */
class JpegDecoderTest {
    @TempDir Path dir;

    @Test
    @DisplayName("an RGB JPEG decodes to its size and, within JPEG's loss, its colours")
    void rgb() {
        BufferedImage im = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) for (int x = 0; x < 40; x++) im.setRGB(x, y, x < 20 ? 0xC83214 : 0x1464C8);
        JpegDecoder.Rgb d = JpegDecoder.decode(ImageNetFixtures.write(dir.resolve("a.JPEG"), im, "jpeg"));
        assertThat(d.width()).isEqualTo(40);
        assertThat(d.height()).isEqualTo(30);
        int[][] expect = {{0xC8, 0x32, 0x14}, {0x14, 0x64, 0xC8}};
        for (int side = 0; side < 2; side++)
            for (int c = 0; c < 3; c++) assertThat(d.at(5 + side * 30, 15, c)).isCloseTo(expect[side][c], org.assertj.core.data.Offset.offset(6));
    }

    @Test
    @DisplayName("a truncated JPEG is an error naming the file (the JDK only warns and fills the rest grey)")
    void truncated() throws IOException {
        Path whole = ImageNetFixtures.write(dir.resolve("whole.JPEG"), ImageNetFixtures.image(300, 200, 3), "jpeg");
        byte[] b = Files.readAllBytes(whole);
        assertThat(b.length).as("the cut falls in the image data, past the headers").isGreaterThan(3000);
        Path cut = Files.write(dir.resolve("n01440764_9.JPEG"), Arrays.copyOf(b, b.length * 2 / 3));
        assertThatThrownBy(() -> JpegDecoder.decode(cut)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(cut.toString()).hasMessageContaining("truncated");
        Path headerOnly = Files.write(dir.resolve("n01440764_10.JPEG"), Arrays.copyOf(b, 300));
        assertThatThrownBy(() -> JpegDecoder.decode(headerOnly)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(headerOnly.toString());
    }

    @Test
    @DisplayName("not an image, garbage after the JPEG header, an empty file, a missing file: errors naming the file")
    void broken() throws IOException {
        Path text = Files.writeString(dir.resolve("text.JPEG"), "this is not an image");
        assertThatThrownBy(() -> JpegDecoder.decode(text)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(text.toString()).hasMessageContaining("no ImageIO reader recognises");
        byte[] garbage = new byte[600];
        new java.util.Random(1).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        garbage[1] = (byte) 0xD8;
        garbage[2] = (byte) 0xFF;
        Path corrupt = Files.write(dir.resolve("corrupt.JPEG"), garbage);
        assertThatThrownBy(() -> JpegDecoder.decode(corrupt)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(corrupt.toString());
        Path empty = Files.write(dir.resolve("empty.JPEG"), new byte[0]);
        assertThatThrownBy(() -> JpegDecoder.decode(empty)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(empty.toString());
        assertThatThrownBy(() -> JpegDecoder.decode(dir.resolve("gone.JPEG"))).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("gone.JPEG: file does not exist");
    }

    @Test
    @DisplayName("grayscale is replicated into R, G, B without gamma conversion; a PNG named .JPEG decodes by content")
    void grayAndPng() {
        BufferedImage g = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) g.getRaster().setSample(x, y, 0, 84);
        JpegDecoder.Rgb d = JpegDecoder.decode(ImageNetFixtures.write(dir.resolve("g.JPEG"), g, "jpeg"));
        for (int c = 0; c < 3; c++) assertThat(d.at(8, 8, c)).isEqualTo(84);    // getRGB would give 155 (sRGB gamma)
        BufferedImage p = ImageNetFixtures.image(20, 10, 2);
        JpegDecoder.Rgb png = JpegDecoder.decode(ImageNetFixtures.write(dir.resolve("n02105855_2933.JPEG"), p, "png"));
        assertThat(png.at(7, 3, 0)).isEqualTo(p.getRGB(7, 3) >> 16 & 255);      // lossless: exact
        assertThat(png.at(7, 3, 2)).isEqualTo(p.getRGB(7, 3) & 255);
    }

    @Test
    @DisplayName("a four-channel (CMYK) JPEG decodes to RGB through the JDK's colour conversion")
    void cmyk() throws IOException {
        WritableRaster r = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 24, 16, 4, null);
        for (int y = 0; y < 16; y++) for (int x = 0; x < 24; x++) r.setPixel(x, y, new int[]{0, 0, 0, 0});
        Path file = dir.resolve("cmyk.JPEG");
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(r, null, null), null);
        } finally {
            w.dispose();
        }
        JpegDecoder.Rgb d = JpegDecoder.decode(file);
        assertThat(d.width()).isEqualTo(24);
        assertThat(d.rgb()).hasSize(24 * 16 * 3);
    }
}
