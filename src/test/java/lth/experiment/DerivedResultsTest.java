package lth.experiment;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DerivedResultsTest {
    @Test
    @DisplayName("a derived result round-trips exactly; an unreadable one is absent (recomputed), never an error")
    void roundTrip(@TempDir Path dir) throws IOException {
        RunStore store = new RunStore(dir);
        assertThat(store.getDerived("lmc-a-b-test-30.txt")).isEmpty();
        double[] v = {0.1, 1.0 / 3, 12.5, Double.MIN_VALUE, 100};
        store.putDerived("lmc-a-b-test-30.txt", v);
        assertThat(store.getDerived("lmc-a-b-test-30.txt")).hasValueSatisfying(r -> assertThat(r).containsExactly(v));
        Files.writeString(dir.resolve("derived").resolve("lmc-a-b-test-30.txt"), "0.5\nnot a number\n");
        assertThat(store.getDerived("lmc-a-b-test-30.txt")).isEmpty();
        try (var files = Files.list(dir.resolve("derived"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp-"));
        }
    }

    @Test
    @DisplayName("derived result names cannot leave the store's derived/ directory")
    void names(@TempDir Path dir) {
        RunStore store = new RunStore(dir);
        assertThatThrownBy(() -> store.getDerived("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.putDerived(".hidden", new double[]{1})).isInstanceOf(IllegalArgumentException.class);
    }
}
