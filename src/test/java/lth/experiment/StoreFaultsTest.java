package lth.experiment;

import lth.stats.Direction;
import lth.stats.Hypothesis;
import lth.stats.Kind;
import lth.stats.Pair;
import lth.stats.PairedAnalysis;
import lth.stats.PairedResult;
import lth.stats.PrimaryTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults: a JVM killed with SIGKILL in the middle of training, then rerun; and two JVMs training the
 * same runs into one store at once. Uses a tiny setup (8 LeNet runs on TinyData) in temporary stores,
 * never the real quick profile, so that it stays cheap on a 2-core CI machine.
 */
class StoreFaultsTest {
    static final List<RunSpec> SPECS = StoreWorker.specs();
    static Map<String, Outcome> reference;          // uninterrupted, in this JVM, by hash

    @BeforeAll
    static void uninterrupted(@TempDir Path dir) {
        reference = byHash(StoreWorker.runAll(new RunStore(dir), 2));
        assertThat(reference).hasSize(SPECS.size());
        assertThat(reference.values()).noneMatch(Outcome::cached);
    }

    static Map<String, Outcome> byHash(List<Outcome> outcomes) {
        Map<String, Outcome> m = new HashMap<>();
        for (Outcome o : outcomes) m.put(o.hash(), o);
        return m;
    }

    static Process worker(Path store, Path log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java.toString(), "-Xmx1g"));
        cmd.addAll(lth.model.Engine.jvmOptions());           // the same engine, hence the same run keys
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), StoreWorker.class.getName(), store.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static Set<String> entries(Path store) throws IOException {
        try (Stream<Path> s = Files.list(store)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).collect(Collectors.toSet());
        }
    }

    static Set<String> named(Path store, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(store)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).collect(Collectors.toSet());
        }
    }

    /** The verdict a claim would compute from these outcomes: level-2 ticket vs dense on test accuracy at early stop. */
    static PairedResult verdict(Map<String, Outcome> byHash) {
        double[] a = new double[StoreWorker.SEEDS], b = new double[StoreWorker.SEEDS];
        for (int i = 0; i < StoreWorker.SEEDS; i++) {
            a[i] = byHash.get(SPECS.get(2 * i + 1).hash()).metrics().metric("test_accuracy_at_es");
            b[i] = byHash.get(SPECS.get(2 * i).hash()).metrics().metric("test_accuracy_at_es");
        }
        var h = new Hypothesis(Kind.EQUIVALENCE, Direction.GREATER, false, 0, 0, 5, 0.05, 0.8, PrimaryTest.PAIRED_T);
        return PairedAnalysis.family(List.of(new Pair("level 2 vs dense", a, b)), h).get(0);
    }

    static void assertSameAsReference(Map<String, Outcome> got) {
        for (RunSpec s : SPECS) {
            Outcome o = got.get(s.hash()), r = reference.get(s.hash());
            assertThat(o).as("outcome of " + s.describe()).isNotNull();
            assertThat(o.metrics().valLoss()).as(s.describe() + " validation losses, bit for bit").isEqualTo(r.metrics().valLoss());
            assertThat(o.metrics().testAccuracy()).as(s.describe() + " test accuracies").isEqualTo(r.metrics().testAccuracy());
            assertThat(o.metrics().esIteration()).isEqualTo(r.metrics().esIteration());
        }
        assertThat(verdict(got)).as("the verdict equals the uninterrupted run's").isEqualTo(verdict(reference));
    }

    @Test
    @DisplayName("SIGKILL mid-training, then rerun: finished runs reused, no half-written entry read, same metrics and verdict")
    void killAndResume(@TempDir Path tmp) throws Exception {
        Path store = Files.createDirectories(tmp.resolve("store"));
        Path log = tmp.resolve("worker.log");
        Process p = worker(store, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (entries(store).isEmpty() && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(10);
        p.destroyForcibly();                                   // SIGKILL on Linux
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log);
        assertThat(out).as("the worker was killed before finishing:\n" + out).doesNotContain("WORKER DONE");
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        Set<String> before = entries(store);
        assertThat(before).as("some runs finished before the kill:\n" + out).isNotEmpty()
                .hasSizeLessThan(SPECS.size());
        // A killed writer's leftover: a temporary directory with a half-written entry of a run not yet stored.
        RunSpec unfinished = SPECS.stream().filter(s -> !before.contains(s.hash())).findFirst().orElseThrow();
        Path planted = Files.createDirectories(store.resolve(".tmp-" + unfinished.hash() + "-planted"));
        Files.writeString(planted.resolve("spec.txt"), unfinished.canonical());
        Files.writeString(planted.resolve("metrics.json"), "{\"metrics\":{\"evalIterations\":[1");

        Map<String, Outcome> resumed = byHash(StoreWorker.runAll(new RunStore(store), 2));
        for (RunSpec s : SPECS)
            assertThat(resumed.get(s.hash()).cached()).as(s.describe() + (before.contains(s.hash())
                    ? " finished before the kill: reused" : " unfinished: trained")).isEqualTo(before.contains(s.hash()));
        assertThat(named(store, ".corrupt-")).as("no entry failed to read back (none was half-written)").isEmpty();
        assertThat(Files.readString(planted.resolve("metrics.json"))).as("the temporary directory was never read or used")
                .isEqualTo("{\"metrics\":{\"evalIterations\":[1");
        assertThat(entries(store)).hasSize(SPECS.size());
        assertSameAsReference(resumed);
    }

    @Test
    @DisplayName("two JVMs training the same runs into one store at once: both finish, every entry reads back whole, same metrics")
    void twoJvmsShareOneStore(@TempDir Path tmp) throws Exception {
        Path store = Files.createDirectories(tmp.resolve("store"));
        Process a = worker(store, tmp.resolve("a.log")), b = worker(store, tmp.resolve("b.log"));
        assertThat(a.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(b.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(a.exitValue()).as(Files.readString(tmp.resolve("a.log"))).isZero();
        assertThat(b.exitValue()).as(Files.readString(tmp.resolve("b.log"))).isZero();
        assertThat(entries(store)).hasSize(SPECS.size());
        assertThat(named(store, ".tmp-")).as("no temporary directory left").isEmpty();
        RunStore s = new RunStore(store);
        for (RunSpec spec : SPECS) assertThat(s.get(spec)).as(spec.describe() + " reads back whole").isPresent();
        assertThat(named(store, ".corrupt-")).isEmpty();
        Map<String, Outcome> read = byHash(StoreWorker.runAll(s, 2));
        assertThat(read.values()).allMatch(Outcome::cached);
        assertSameAsReference(read);
    }
}
