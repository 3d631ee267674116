package lth.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reads the committed real-format files under fixtures/ (see fixtures/PROVENANCE.txt). */
class FixtureFilesTest {

    static final Path FIXTURES = Path.of("fixtures");

    @Test
    void fashionMnistIdxFixtureHasItsTwentyKnownLabels() {
        Dataset d = IdxReader.read("fx", "fixtures/idx", FIXTURES.resolve("idx/t10k-images-idx3-ubyte.gz"),
                FIXTURES.resolve("idx/t10k-labels-idx1-ubyte.gz"), 10);
        assertThat(d.size()).isEqualTo(20);
        assertThat(d.height()).isEqualTo(28);
        assertThat(d.labels()).containsExactly(9, 2, 1, 1, 6, 1, 4, 6, 5, 7, 4, 5, 7, 3, 4, 1, 2, 4, 8, 0);
        float max = 0;
        for (float v : d.pixels()) max = Math.max(max, v);
        assertThat(max).isEqualTo(1f); // real images use the full 0..255 range
    }

    @Test
    void cifarFixtureDecodesLabelsAndChwPlanes() {
        Dataset d = Cifar10Reader.readBatch(FIXTURES.resolve("cifar10/test_batch.bin"), "fx", "fixtures/cifar10");
        assertThat(d.labels()).containsExactly(1, 3, 5, 7, 9);
        for (int i = 0; i < 5; i++) {
            int base = i * 3072;
            assertThat(d.pixels()[base + 5 * 32 + 7]).isEqualTo(i * 10 / 255f);          // R constant
            assertThat(d.pixels()[base + 1024 + 5 * 32 + 7]).isEqualTo(5 / 255f);       // G = row
            assertThat(d.pixels()[base + 2048 + 5 * 32 + 7]).isEqualTo(7 / 255f);       // B = column
        }
    }

    @Test
    void npmMnistJsonFixtureHasOneDigitPerClass() {
        Dataset d = MnistJson.read(FIXTURES.resolve("mnist-json"), "fx", "fixtures/mnist-json");
        assertThat(d.labels()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (int i = 0; i < 10; i++) {
            float ink = 0;
            for (int k = 0; k < 784; k++) ink += d.pixels()[i * 784 + k];
            assertThat(ink).as("digit %d has ink", i).isGreaterThan(10f);
        }
    }
}
