package lth.experiment;

import lth.model.ModelSpec;
import lth.model.Optimizer;
import lth.prune.Rates;
import lth.train.RunMetrics;
import lth.train.TinyData;
import lth.train.TrainConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Catalogue: bad run-store entries are set aside and retrained, never read; an unusable store says how to fix it. */
class RunStoreFaultsTest {
    static final Setup SETUP = ExperimentTest.SETUP;
    static final RunSpec SPEC = new RunSpec(SETUP, 7, Arm.TICKET, 0);

    static StoredRun fake(RunSpec spec) {
        RunMetrics m = new RunMetrics(new int[]{10, 20}, new double[]{1.5, 1.25}, new double[]{50, 60},
                new double[]{51, 61}, 20, 61, 61, false, 100, 0.5);
        Map<String, float[]> keep = new LinkedHashMap<>(), w = new LinkedHashMap<>();
        keep.put("0_W", new float[]{1, 0, 1, 1});
        w.put("0_W", new float[]{0.5f, -0.25f, 0.125f, -0f});
        return new StoredRun(spec.canonical(), m, Map.of("0_W", 3L), new TrunkState(keep, w, new float[]{0.5f, -0.25f, 0.125f, -0f, 0.1f}));
    }

    static List<String> names(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).toList();
        }
    }

    /** Puts a valid entry, damages it, and checks it is quarantined (never read) on the next get. */
    static void assertQuarantined(Path dir, java.util.function.Consumer<Path> damage) throws IOException {
        RunStore store = new RunStore(dir);
        store.put(SPEC, fake(SPEC));
        assertThat(store.get(SPEC)).isPresent();
        damage.accept(dir.resolve(SPEC.hash()));
        assertThat(store.get(SPEC)).as("a damaged entry is never read").isEmpty();
        assertThat(names(dir, ".corrupt-" + SPEC.hash())).as("it is set aside for inspection").hasSize(1);
        assertThat(dir.resolve(SPEC.hash())).doesNotExist();
        store.put(SPEC, fake(SPEC));
        assertThat(store.get(SPEC)).as("a fresh entry replaces it").isPresent();
    }

    static void write(Path f, String text) {
        try { Files.writeString(f, text); } catch (IOException e) { throw new java.io.UncheckedIOException(e); }
    }

    @Test
    @DisplayName("corrupt metrics.json: quarantined, never read")
    void corruptMetricsJson(@TempDir Path dir) throws IOException {
        assertQuarantined(dir, e -> write(e.resolve("metrics.json"), "{\"metrics\": {\"evalIterations\": [10, 2"));
    }

    @Test
    @DisplayName("metrics.json missing from an entry: quarantined, never read")
    void missingMetricsJson(@TempDir Path dir) throws IOException {
        assertQuarantined(dir, e -> e.resolve("metrics.json").toFile().delete());
    }

    @Test
    @DisplayName("truncated state.bin: quarantined, never read")
    void truncatedStateBin(@TempDir Path dir) throws IOException {
        assertQuarantined(dir, e -> {
            try {
                byte[] b = Files.readAllBytes(e.resolve("state.bin"));
                Files.write(e.resolve("state.bin"), java.util.Arrays.copyOf(b, b.length / 2));
            } catch (IOException x) { throw new java.io.UncheckedIOException(x); }
        });
    }

    @Test
    @DisplayName("state.bin with a flipped bit (checksum mismatch): quarantined, never read")
    void bitFlippedStateBin(@TempDir Path dir) throws IOException {
        assertQuarantined(dir, e -> {
            try {
                byte[] b = Files.readAllBytes(e.resolve("state.bin"));
                b[b.length - 12] ^= 0x10;
                Files.write(e.resolve("state.bin"), b);
            } catch (IOException x) { throw new java.io.UncheckedIOException(x); }
        });
    }

    @Test
    @DisplayName("spec.txt of another configuration under this run's key: quarantined, never read")
    void specOfAnotherConfiguration(@TempDir Path dir) throws IOException {
        assertQuarantined(dir, e -> write(e.resolve("spec.txt"), SPEC.canonical().replace("seed=7", "seed=8")));
    }

    @Test
    @DisplayName("spec.txt written by another engine version: quarantined, never read")
    void specOfAnotherEngineVersion(@TempDir Path dir) throws IOException {
        assertQuarantined(dir, e -> write(e.resolve("spec.txt"),
                SPEC.canonical().replace(RunSpec.ENGINE_VERSION, "lth-engine/0;dl4j=1.0.0-M1")));
    }

    @Test
    @DisplayName("half-written entry (.tmp-* left by a killed JVM) is never read; the run is trained")
    void halfWrittenEntryIsNotRead(@TempDir Path dir) throws IOException {
        Path tmp = Files.createDirectories(dir.resolve(".tmp-" + SPEC.hash() + "-killed"));
        Files.writeString(tmp.resolve("spec.txt"), SPEC.canonical());
        Files.writeString(tmp.resolve("metrics.json"), "{\"metrics\": {\"evalIter");
        RunStore store = new RunStore(dir);
        assertThat(store.get(SPEC)).isEmpty();
        Experiment ex = new Experiment(TinyData.splits(), store, Executors.newFixedThreadPool(1));
        assertThat(ex.missing(List.of(SPEC))).isEqualTo(1);
        Outcome o = ex.run(SPEC).join();
        assertThat(o.cached()).as("trained, not read from the half-written entry").isFalse();
        assertThat(store.get(SPEC)).isPresent();
    }

    @Test
    @DisplayName("a corrupt entry is retrained by the experiment and gives the same metrics as the original run")
    void corruptEntryIsRetrained(@TempDir Path dir) throws IOException {
        RunStore store = new RunStore(dir);
        Outcome first = new Experiment(TinyData.splits(), store, Executors.newFixedThreadPool(1)).run(SPEC).join();
        Files.writeString(dir.resolve(SPEC.hash()).resolve("metrics.json"), "not json");
        Outcome again = new Experiment(TinyData.splits(), new RunStore(dir), Executors.newFixedThreadPool(1)).run(SPEC).join();
        assertThat(again.cached()).isFalse();
        assertThat(again.metrics().valLoss()).isEqualTo(first.metrics().valLoss());
        assertThat(names(dir, ".corrupt-")).hasSize(1);
    }

    @Test
    @DisplayName("read-only store directory: StoreException naming the directory and -Dlth.store=DIR")
    void readOnlyStoreDirectory(@TempDir Path parent) throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root can write into a read-only directory");
        Path dir = Files.createDirectories(parent.resolve("store"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThatThrownBy(() -> new RunStore(dir)).isInstanceOf(StoreException.class)
                    .hasMessage("run store " + dir.toAbsolutePath() + ": directory is not writable; choose another with -Dlth.store=DIR");
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    @DisplayName("store that refuses writes (read-only, as root sees it): StoreException naming store, entry and -Dlth.store=DIR")
    void readOnlyStoreRefusesTheWrite(@TempDir Path dir) throws IOException {
        RunStore store = new RunStore(dir, (file, bytes) -> {
            throw new java.nio.file.AccessDeniedException(file.toString(), null, "Read-only file system");
        });
        assertThatThrownBy(() -> store.put(SPEC, fake(SPEC))).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("run store " + dir.toAbsolutePath() + ": cannot write entry " + SPEC.hash())
                .hasMessageContaining("Read-only file system")
                .hasMessageContaining("-Dlth.store=DIR");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    @DisplayName("store path that is a file (cannot be created): StoreException naming it and -Dlth.store=DIR")
    void storePathIsAFile(@TempDir Path parent) throws IOException {
        Path file = Files.writeString(parent.resolve("store"), "x");
        assertThatThrownBy(() -> new RunStore(file.resolve("sub"))).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("run store " + file.resolve("sub") + ": cannot create the directory")
                .hasMessageContaining("-Dlth.store=DIR");
    }

    @Test
    @DisplayName("full disk (a write that fails): StoreException naming store and entry; nothing half-written is left")
    void fullDisk(@TempDir Path dir) throws IOException {
        RunStore store = new RunStore(dir, (file, bytes) -> {
            if (file.getFileName().toString().equals("metrics.json")) throw new IOException("No space left on device");
            Files.write(file, bytes);
        });
        assertThatThrownBy(() -> store.put(SPEC, fake(SPEC))).isInstanceOf(StoreException.class)
                .hasMessageContaining("run store " + dir.toAbsolutePath())
                .hasMessageContaining("cannot write entry " + SPEC.hash())
                .hasMessageContaining("No space left on device")
                .hasMessageContaining("-Dlth.store=DIR");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).as("no entry and no temporary directory left behind").isEmpty();
        }
        assertThat(new RunStore(dir).get(SPEC)).isEmpty();
    }

    @Test
    @DisplayName("malformed -Dlth.store (empty, or a path with a NUL byte): StoreException naming the value")
    void malformedStoreProperty() {
        String old = System.getProperty("lth.store");
        try {
            System.setProperty("lth.store", " ");
            assertThatThrownBy(RunStore::fromProperties).isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("-Dlth.store is empty");
            System.setProperty("lth.store", "bad\0dir");
            assertThatThrownBy(RunStore::fromProperties).isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("-Dlth.store=bad\0dir is not a usable path");
        } finally {
            if (old == null) System.clearProperty("lth.store"); else System.setProperty("lth.store", old);
        }
    }
}
