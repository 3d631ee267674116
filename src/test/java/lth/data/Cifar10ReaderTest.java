package lth.data;

import static lth.data.DataFileWriter.cifarRecords;
import static lth.data.DataFileWriter.pattern;
import static lth.data.DataFileWriter.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10ReaderTest {

    @TempDir Path dir;

    private static byte[] batch(int first, int n) {
        int[] labels = new int[n];
        byte[][] px = new byte[n][];
        for (int i = 0; i < n; i++) {
            labels[i] = (first + i) % 10;
            px[i] = pattern(3072, first + i);
        }
        return cifarRecords(labels, px);
    }

    @Test
    void readsRecordsAsLabelAndChwPixelsExactly() {
        byte[] px = new byte[3072];
        px[0] = (byte) 255;          // R, row 0, col 0
        px[1024 + 33] = (byte) 51;   // G, row 1, col 1
        px[2048 + 1023] = (byte) 102; // B, row 31, col 31
        Path f = write(dir.resolve("test_batch.bin"), cifarRecords(new int[] {7}, new byte[][] {px}));
        Dataset d = Cifar10Reader.readBatch(f, "c", "s");
        assertThat(d.size()).isEqualTo(1);
        assertThat(d.channels()).isEqualTo(3);
        assertThat(d.height()).isEqualTo(32);
        assertThat(d.labels()).containsExactly(7);
        assertThat(d.pixels()[0]).isEqualTo(1f);
        assertThat(d.pixels()[1 * 1024 + 1 * 32 + 1]).isEqualTo(51 / 255f);
        assertThat(d.pixels()[2 * 1024 + 31 * 32 + 31]).isEqualTo(102 / 255f);
        assertThat(d.pixels()[1]).isZero();
    }

    @Test
    void readsFiveTrainingBatchesInOrder() {
        for (int b = 0; b < 5; b++) write(dir.resolve("data_batch_" + (b + 1) + ".bin"), batch(b * 3, 3));
        Dataset d = Cifar10Reader.readTrain(dir, "c", "s");
        assertThat(d.size()).isEqualTo(15);
        for (int i = 0; i < 15; i++) assertThat(d.labels()[i]).isEqualTo(i % 10);
        byte[] p = pattern(3072, 14);
        assertThat(d.pixels()[14 * 3072 + 100]).isEqualTo((p[100] & 0xff) / 255f);
    }

    @Test
    void recordOfWrongLengthNamesFileAndRecord() {
        byte[] full = batch(0, 3);
        Path f = write(dir.resolve("data_batch_2.bin"), Arrays.copyOf(full, full.length - 100));
        assertThatThrownBy(() -> Cifar10Reader.readBatch(f, "c", "s")).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("length 9119 is not a multiple of the 3073-byte record")
                .hasMessageContaining("record 2 (offset 6146) is 2973 bytes long");
    }

    @Test
    void labelAboveNineNamesFileAndRecord() {
        byte[] b = batch(0, 3);
        b[2 * 3073] = 10;
        Path f = write(dir.resolve("test_batch.bin"), b);
        assertThatThrownBy(() -> Cifar10Reader.readBatch(f, "c", "s")).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("record 2 (offset 6146) has label 10, expected 0..9");
    }

    @Test
    void missingBatchIsNamed() throws Exception {
        for (int b = 1; b <= 5; b++) write(dir.resolve("data_batch_" + b + ".bin"), batch(0, 1));
        Files.delete(dir.resolve("data_batch_4.bin"));
        assertThatThrownBy(() -> Cifar10Reader.readTrain(dir, "c", "s")).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(dir.resolve("data_batch_4.bin").toString())
                .hasMessageContaining("batch file does not exist");
    }

    @Test
    void emptyBatchIsReported() {
        Path f = write(dir.resolve("test_batch.bin"), new byte[0]);
        assertThatThrownBy(() -> Cifar10Reader.readBatch(f, "c", "s")).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("file is empty");
    }
}
