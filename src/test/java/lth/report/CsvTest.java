package lth.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @Test
    void quotesOnlyWhatRfc4180Requires() {
        String csv = Csv.toString(List.of("arm", "pm", "note"), List.of(
                List.of("plain", 51.3, "a,b"),
                Arrays.asList("say \"hi\"", 7.0, null),
                List.of("multi\nline", 100, "cr\rhere")));
        assertThat(csv).isEqualTo("arm,pm,note\r\n"
                + "plain,51.3,\"a,b\"\r\n"
                + "\"say \"\"hi\"\"\",7,\r\n"
                + "\"multi\nline\",100,\"cr\rhere\"\r\n");
    }

    @Test
    void writesUtf8File(@TempDir Path dir) throws IOException {
        Path f = Csv.write(dir.resolve("sub/x.csv"), List.of("k"), List.of(List.of("Pm ≥ 3.6")));
        assertThat(Files.readString(f)).isEqualTo("k\r\nPm ≥ 3.6\r\n");
    }
}
