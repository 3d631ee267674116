package lth.data;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/fetch-data without network: archives in the real formats built from fixtures/ (the IDX .gz
 * and CIFAR-10 batch files), served with --from, pinned in a checksum file made here. Checks that
 * verified archives unpack where -Dlth.data.* points, and that a wrong digest, a half-downloaded
 * archive, an unpinned digest or a missing member are each an error naming the file.
 */
class FetchDataTest {
    static final String[] MNIST = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};
    static final String CIFAR = "cifar-10-binary.tar.gz";

    @TempDir Path tmp;
    Path src, sums, out;

    record Run(int code, String output) { }

    @BeforeEach
    void archives() throws Exception {
        src = Files.createDirectories(tmp.resolve("mirror"));
        out = tmp.resolve("data");
        for (String f : MNIST)
            Files.copy(Path.of("fixtures/idx", f.contains("images") ? "t10k-images-idx3-ubyte.gz" : "t10k-labels-idx1-ubyte.gz"),
                    src.resolve(f));
        cifarArchive(List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch"));
        sums = pin();
    }

    /** {@code src/cifar-10-binary.tar.gz} holding cifar-10-batches-bin/NAME.bin copies of the fixture batch. */
    void cifarArchive(List<String> batches) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tar/cifar-10-batches-bin"));
        for (String b : batches) Files.copy(Path.of("fixtures/cifar10/test_batch.bin"), dir.resolve(b + ".bin"));
        assertThat(run("tar", "-czf", src.resolve(CIFAR).toString(), "-C", tmp.resolve("tar").toString(),
                "cifar-10-batches-bin").code()).isZero();
    }

    Path pin() throws Exception {
        StringBuilder sb = new StringBuilder("# fixture archives\n");
        for (String f : List.of(MNIST[0], MNIST[1], MNIST[2], MNIST[3], CIFAR))
            sb.append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(src.resolve(f)))))
                    .append("  ").append(f).append('\n');
        return Files.writeString(tmp.resolve("sums.sha256"), sb);
    }

    Run fetch() throws IOException, InterruptedException {
        return run("bash", "scripts/fetch-data", "--from", src.toString(), "--checksums", sums.toString(), out.toString());
    }

    static Run run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(cmd))).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), text);
    }

    @Test
    @DisplayName("verified archives unpack where -Dlth.data.mnist / -Dlth.data.cifar10 point; a rerun reuses them")
    void verifiedArchivesUnpack() throws Exception {
        Run r = fetch();
        assertThat(r.code()).as(r.output()).isZero();
        Path data = out.toRealPath();
        assertThat(r.output().strip().lines().reduce((a, b) -> b).orElseThrow())
                .isEqualTo("-Dlth.data.mnist=" + data.resolve("mnist") + " -Dlth.data.cifar10=" + data.resolve("cifar-10-batches-bin"));
        for (String f : MNIST) assertThat(data.resolve("mnist").resolve(f)).isRegularFile();
        Dataset d = Cifar10Reader.readBatch(data.resolve("cifar-10-batches-bin/data_batch_3.bin"), "fx", "fetched");
        assertThat(d.labels()).containsExactly(1, 3, 5, 7, 9);
        Run again = fetch();
        assertThat(again.code()).as(again.output()).isZero();
        assertThat(again.output()).contains(CIFAR + ": present, SHA-256 ok");
    }

    @Test
    @DisplayName("an archive whose SHA-256 differs from the pinned one is refused, naming the file and the checksum file")
    void wrongChecksumNamesTheFile() throws Exception {
        Files.copy(Path.of("fixtures/idx/t10k-images-idx3-ubyte.gz"), src.resolve(MNIST[1]),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);   // a complete gzip, but not the pinned file
        Run r = fetch();
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.output()).contains("fetch-data: " + out.toRealPath().resolve("archives/" + MNIST[1] + ".part"))
                .contains("differs from the " + MNIST[1] + " digest pinned in " + sums).contains("a different file");
        assertThat(out.resolve("archives/" + MNIST[1])).doesNotExist();
        assertThat(out.resolve("mnist")).doesNotExist();
    }

    @Test
    @DisplayName("a half-downloaded archive is refused as an incomplete gzip, naming the file; nothing is unpacked")
    void halfDownloadNamesTheFile() throws Exception {
        byte[] whole = Files.readAllBytes(src.resolve(CIFAR));
        Files.write(src.resolve(CIFAR), java.util.Arrays.copyOf(whole, whole.length / 2));
        Run r = fetch();
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.output()).contains(CIFAR + ".part: SHA-256").contains("not a complete gzip stream: a half-finished download");
        assertThat(out.resolve("archives/" + CIFAR)).doesNotExist();
        assertThat(out.resolve("cifar-10-batches-bin")).doesNotExist();
    }

    @Test
    @DisplayName("a checksum line without a real digest (a placeholder) stops the script, naming the checksum file")
    void placeholderDigestNamesTheChecksumFile() throws Exception {
        Files.writeString(sums, Files.readString(sums).replaceFirst("(?m)^[0-9a-f]{64}(  " + CIFAR + ")", "TODO-pin-me$1"));
        Run r = fetch();
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.output()).contains("fetch-data: " + sums + ": the line for " + CIFAR + " has no SHA-256");
    }

    @Test
    @DisplayName("a pinned archive without every batch file is an error naming the archive and the missing member")
    void missingMemberNamesTheArchive() throws Exception {
        Files.delete(src.resolve(CIFAR));
        deleteTree(tmp.resolve("tar"));
        cifarArchive(List.of("test_batch"));
        sums = pin();
        Run r = fetch();
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.output()).contains(CIFAR + ": has no cifar-10-batches-bin/data_batch_1.bin");
        assertThat(out.resolve("cifar-10-batches-bin")).doesNotExist();
    }

    static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
