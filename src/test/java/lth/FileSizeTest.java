package lth;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A product file that outgrows one screenful of responsibility is split, not scrolled. */
class FileSizeTest {
    static final int MAX_LINES = 250;

    /** Lines as {@code wc -l} counts them (newline characters). */
    static long lines(Path file) {
        try {
            String s = Files.readString(file);
            return s.chars().filter(c -> c == '\n').count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("no product source file in src/main is over " + MAX_LINES + " lines")
    void noProductFileOverTheLimit() throws IOException {
        List<String> over;
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            over = files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> lines(f) > MAX_LINES).map(f -> f + " (" + lines(f) + " lines)").sorted().toList();
        }
        assertThat(over).as("files over %d lines: split them", MAX_LINES).isEmpty();
    }

    @Test
    @DisplayName("the size check sees the product sources")
    void seesTheSources() {
        assertThat(lines(Path.of("src/main/java/lth/experiment/RunSpec.java"))).isPositive();
    }
}
