package lth.data;

import static lth.data.DataFileWriter.mnistJson;
import static lth.data.DataFileWriter.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistJsonTest {

    @TempDir Path dir;

    /** Class c gets c+1 digits; digit k of class c has every pixel = (c*10+k)/1000. */
    private void writeDigits() {
        for (int c = 0; c < 10; c++) {
            float[] v = new float[(c + 1) * 784];
            for (int k = 0; k <= c; k++) java.util.Arrays.fill(v, k * 784, (k + 1) * 784, (c * 10 + k) / 1000f);
            write(dir.resolve(c + ".json"), mnistJson(v));
        }
    }

    @Test
    void readsAllTenClassFilesInClassOrderExactly() {
        writeDigits();
        Dataset d = MnistJson.read(dir, "m", "npm test");
        assertThat(d.size()).isEqualTo(55);
        assertThat(d.height()).isEqualTo(28);
        assertThat(d.width()).isEqualTo(28);
        int i = 0;
        for (int c = 0; c < 10; c++)
            for (int k = 0; k <= c; k++, i++) {
                assertThat(d.labels()[i]).isEqualTo(c);
                assertThat(d.pixels()[i * 784]).isCloseTo((c * 10 + k) / 1000f, within(1e-6f));
                assertThat(d.pixels()[i * 784 + 783]).isCloseTo((c * 10 + k) / 1000f, within(1e-6f));
            }
    }

    @Test
    void missingClassFileIsNamed() throws Exception {
        writeDigits();
        Files.delete(dir.resolve("7.json"));
        assertThatThrownBy(() -> MnistJson.read(dir, "m", "s")).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(dir.resolve("7.json").toString()).hasMessageContaining("file does not exist");
    }

    @Test
    void lengthNotDivisibleBy784IsNamed() {
        Path f = write(dir.resolve("3.json"), mnistJson(new float[784 + 5]));
        assertThatThrownBy(() -> MnistJson.readClass(f)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("\"data\" has 789 values, not a multiple of 784");
    }

    @Test
    void valueOutsideZeroToOneIsNamed() {
        Path f = write(dir.resolve("4.json"), "{\"data\": [0, 0.5, 1.2]}");
        assertThatThrownBy(() -> MnistJson.readClass(f)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("value 2 of \"data\" (digit 0, pixel 2) is 1.2")
                .hasMessageContaining("expected 0..1");
    }

    @Test
    void malformedJsonIsNamedWithPosition() {
        Path f = write(dir.resolve("5.json"), "{\"data\": [0, 0.5,, 1]}");
        assertThatThrownBy(() -> MnistJson.readClass(f)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("malformed JSON")
                .hasMessageContaining("line 1, column");
    }

    @Test
    void truncatedJsonIsMalformed() {
        Path f = write(dir.resolve("6.json"), "{\"data\": [0, 0.5");
        assertThatThrownBy(() -> MnistJson.readClass(f)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("malformed JSON");
    }

    @Test
    void missingDataFieldIsNamed() {
        Path f = write(dir.resolve("8.json"), "{\"pixels\": [0]}");
        assertThatThrownBy(() -> MnistJson.readClass(f)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("no \"data\" field");
    }

    @Test
    void nonNumberValueIsNamed() {
        Path f = write(dir.resolve("9.json"), "{\"data\": [0, \"x\"]}");
        assertThatThrownBy(() -> MnistJson.readClass(f)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("value 1 of \"data\"")
                .hasMessageContaining("expected a number");
    }

    @Test
    void packageVersionIsReadFromPackageJsonAboveDigits() {
        Path digits = dir.resolve("package/src/digits");
        write(dir.resolve("package/package.json"), "{\"name\":\"mnist\",\"version\":\"1.1.0\"}");
        write(digits.resolve("0.json"), "{\"data\":[]}");
        assertThat(MnistJson.packageVersion(digits)).contains("1.1.0");
        assertThat(MnistJson.packageVersion(dir)).isEmpty();
    }
}
