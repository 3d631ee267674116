package lth.data;

import static lth.data.DataFileWriter.gzip;
import static lth.data.DataFileWriter.idxImages;
import static lth.data.DataFileWriter.idxLabels;
import static lth.data.DataFileWriter.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir Path dir;

    private static final byte[] PIXELS = {0, (byte) 255, 51, (byte) 204, 1, 2, 3, 4, 5, 6, 7, (byte) 128};
    private static final byte[] LABELS = {3, 9};

    @Test
    void readsRawImagesAndLabelsExactly() {
        Path img = write(dir.resolve("imgs-idx3-ubyte"), idxImages(2051, 2, 2, 3, PIXELS));
        Path lab = write(dir.resolve("labels-idx1-ubyte"), idxLabels(2049, 2, LABELS));
        Dataset d = IdxReader.read("t", "src", img, lab, 10);
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.channels()).isEqualTo(1);
        assertThat(d.height()).isEqualTo(2);
        assertThat(d.width()).isEqualTo(3);
        assertThat(d.labels()).containsExactly(3, 9);
        float[] expected = new float[PIXELS.length];
        for (int i = 0; i < PIXELS.length; i++) expected[i] = (PIXELS[i] & 0xff) / 255f;
        assertThat(d.pixels()).containsExactly(expected);
        assertThat(d.source()).isEqualTo("src");
    }

    @Test
    void readsGzippedFilesTheSameAsRaw() {
        Path img = write(dir.resolve("imgs.gz"), gzip(idxImages(2051, 2, 2, 3, PIXELS)));
        Path lab = write(dir.resolve("labels.gz"), gzip(idxLabels(2049, 2, LABELS)));
        Path rawImg = write(dir.resolve("imgs"), idxImages(2051, 2, 2, 3, PIXELS));
        Path rawLab = write(dir.resolve("labels"), idxLabels(2049, 2, LABELS));
        Dataset gz = IdxReader.read("t", "s", img, lab, 10);
        Dataset raw = IdxReader.read("t", "s", rawImg, rawLab, 10);
        assertThat(gz.pixels()).containsExactly(raw.pixels());
        assertThat(gz.labels()).containsExactly(raw.labels());
    }

    @Test
    void labelFileGivenAsImagesIsReportedAsWrongMagic() {
        Path f = write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(idxLabels(2049, 2, LABELS)));
        assertThatThrownBy(() -> IdxReader.readImages(f)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("train-images-idx3-ubyte.gz")
                .hasMessageContaining("magic number is 2049").hasMessageContaining("expected 2051 (IDX images)");
    }

    @Test
    void wrongMagicInLabelsIsReported() {
        Path f = write(dir.resolve("labels"), idxLabels(0x12345678, 2, LABELS));
        assertThatThrownBy(() -> IdxReader.readLabels(f, 10)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("magic number is " + 0x12345678)
                .hasMessageContaining("expected 2049 (IDX labels)");
    }

    @Test
    void truncatedImagesNameTheIncompleteImage() {
        byte[] full = idxImages(2051, 2, 2, 3, PIXELS);
        Path f = write(dir.resolve("imgs"), Arrays.copyOf(full, full.length - 4));
        assertThatThrownBy(() -> IdxReader.readImages(f)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("header promises 2 images of 2x3 = 28 bytes in all, found 24 bytes")
                .hasMessageContaining("image 1 is the first incomplete one");
    }

    @Test
    void truncatedGzipStreamIsReported() {
        byte[] gz = gzip(idxImages(2051, 2, 2, 3, PIXELS));
        Path f = write(dir.resolve("imgs.gz"), Arrays.copyOf(gz, gz.length - 10));
        assertThatThrownBy(() -> IdxReader.readImages(f)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("gzip stream is truncated");
    }

    @Test
    void truncatedHeaderIsReported() {
        Path f = write(dir.resolve("imgs"), Arrays.copyOf(idxImages(2051, 2, 2, 3, PIXELS), 10));
        assertThatThrownBy(() -> IdxReader.readImages(f)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("header is truncated: 10 bytes, expected 16");
    }

    @Test
    void truncatedLabelsAreReported() {
        Path f = write(dir.resolve("labels"), idxLabels(2049, 5, LABELS));
        assertThatThrownBy(() -> IdxReader.readLabels(f, 10)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("header promises 5 labels = 13 bytes in all, found 10 bytes (truncated)");
    }

    @Test
    void imageAndLabelCountsMustAgree() {
        Path img = write(dir.resolve("imgs"), idxImages(2051, 2, 2, 3, PIXELS));
        Path lab = write(dir.resolve("labels"), idxLabels(2049, 3, new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> IdxReader.read("t", "s", img, lab, 10)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(lab.toString()).hasMessageContaining("has 3 labels but imgs has 2 images");
    }

    @Test
    void labelOutOfRangeNamesIndexAndValue() {
        Path f = write(dir.resolve("labels"), idxLabels(2049, 3, new byte[] {1, 10, 2}));
        assertThatThrownBy(() -> IdxReader.readLabels(f, 10)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("label 1 (offset 9) is 10, expected 0..9");
    }

    @Test
    void emptyFileIsReported() {
        Path f = write(dir.resolve("train-images-idx3-ubyte"), new byte[0]);
        assertThatThrownBy(() -> IdxReader.readImages(f)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("file is empty");
    }

    @Test
    void missingFileIsReported() {
        Path f = dir.resolve("absent-idx3-ubyte.gz");
        assertThatThrownBy(() -> IdxReader.readImages(f)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("file does not exist");
    }

    @Test
    void trailingBytesAreReported() {
        byte[] full = idxImages(2051, 2, 2, 3, PIXELS);
        Path f = write(dir.resolve("imgs"), Arrays.copyOf(full, full.length + 3));
        assertThatThrownBy(() -> IdxReader.readImages(f)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("3 trailing bytes after the last image");
    }
}
