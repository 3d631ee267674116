package lth.experiment;

import lth.model.ModelSpec;
import lth.model.Optimizer;
import lth.prune.Rates;
import lth.train.Checkpoint;
import lth.train.Checkpoints;
import lth.train.TinyData;
import lth.train.TrainConfig;
import lth.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checkpoints in the run store: the file reads back what was written; a damaged or foreign file is set
 * aside with a warning and never resumed; a run killed after a checkpoint is continued from it by a
 * fresh {@link Experiment} and stored with exactly the bits of the uninterrupted run; the checkpoint is
 * removed once the run is stored.
 */
class RunCheckpointsTest {
    /** LeNet, SGD with momentum and a schedule, 300 iterations; the spec is IMP level 2 rewound to iteration 10. */
    static final Setup SETUP = new Setup("tiny-ckpt", new ModelSpec("lenet-300-100", 1.0), "tiny",
            new Optimizer("sgd", 0.05, 0.9, 0).withSchedule(20, new int[]{200}, 0.1), new TrainConfig(300, 20, 25),
            new Rates(0, 0.2, 0.1), lth.prune.Scope.LAYERWISE, 2);
    static final RunSpec SPEC = new RunSpec(SETUP, 4, Arm.TICKET, 2, 10);
    static StoredRun reference;

    @BeforeAll
    static void uninterrupted(@TempDir Path dir) {
        Experiment ex = experiment(dir, 0);
        reference = ex.stored(SPEC);
    }

    static Experiment experiment(Path store, int every) {
        Experiment ex = new Experiment(TinyData.splits(), new RunStore(store), Executors.newFixedThreadPool(1));
        ex.checkpointEvery(every);
        return ex;
    }

    static void assertSameAsReference(StoredRun run) {
        assertThat(run.metrics().valLoss()).as("validation losses, bit for bit").isEqualTo(reference.metrics().valLoss());
        assertThat(run.metrics().testAccuracy()).isEqualTo(reference.metrics().testAccuracy());
        assertThat(run.metrics().esIteration()).isEqualTo(reference.metrics().esIteration());
        assertThat(java.util.Arrays.mismatch(run.state().params(), reference.state().params()))
                .as("index of the first final parameter that differs (-1: none)").isEqualTo(-1);
    }

    /** What {@code body} prints to standard output. */
    static String printed(Supplier<?> body) {
        PrintStream old = System.out;
        var bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true));
        try {
            body.get();
        } finally {
            System.setOut(old);
        }
        return bytes.toString();
    }

    static final class Killed extends RuntimeException { }

    /** Trains SPEC in {@code store} with checkpoints every {@code every} iterations and dies right after the {@code n}-th. */
    static void killAfter(Path store, int every, int n) {
        Experiment ex = experiment(store, every);
        Experiment.Start st = ex.start(SPEC);
        var ck = new StoreCheckpoints(ex.store().checkpoints(), SPEC, every, new Progress("test", 0));
        int[] saves = {0};
        Checkpoints dying = new Checkpoints() {
            @Override public int every() { return ck.every(); }
            @Override public Checkpoint resume() { return ck.resume(); }
            @Override public void resumed(Checkpoint c) { ck.resumed(c); }
            @Override public void save(Checkpoint c) {
                ck.save(c);
                if (++saves[0] == n) throw new Killed();
            }
        };
        assertThatThrownBy(() -> Trainer.train(st.net(), st.mask(), TinyData.splits(), st.dataSeed(), st.cfg(),
                lth.train.EvalListener.NONE, dying)).isInstanceOf(Killed.class);
    }

    static List<String> names(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(f -> f.startsWith(prefix)).toList();
        }
    }

    @Test
    @DisplayName("killed after the checkpoint at iteration 130, resumed by a fresh Experiment: 'resumed at iteration 130', same bits, checkpoint removed")
    void killedAndResumed(@TempDir Path dir) {
        killAfter(dir, 65, 2);
        RunStore store = new RunStore(dir);
        assertThat(store.checkpoints().file(SPEC)).exists();
        assertThat(store.get(SPEC)).as("the run was not stored").isEmpty();
        StoredRun[] resumed = new StoredRun[1];
        String out = printed(() -> resumed[0] = experiment(dir, 65).stored(SPEC));
        assertThat(out).contains("resumed at iteration 130 from its checkpoint").contains("| resumed at iteration 130");
        assertThat(out).as("it goes on checkpointing").contains("checkpoint at iteration 195").doesNotContain("checkpoint at iteration 130 (");
        assertSameAsReference(resumed[0]);
        assertThat(store.checkpoints().file(SPEC)).as("removed once the run is stored").doesNotExist();
        assertSameAsReference(store.get(SPEC).orElseThrow());
    }

    @Test
    @DisplayName("SIGKILL of a training JVM after a checkpoint (maybe while writing the next): resumed here, same bits as uninterrupted")
    void sigkill(@TempDir Path tmp) throws Exception {
        Path store = Files.createDirectories(tmp.resolve("store"));
        Path log = tmp.resolve("worker.log");
        Path jvm = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new java.util.ArrayList<>(List.of(jvm.toString(), "-Xmx1g", "-Dlth.checkpoint.every=100"));
        cmd.addAll(lth.model.Engine.jvmOptions());           // the same engine, hence the same run keys and bits
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CheckpointWorker.class.getName(), store.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path file = new RunStore(store).checkpoints().file(CheckpointWorker.SPEC);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(180);
        while (!Files.exists(file) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
        boolean written = Files.exists(file);
        p.destroyForcibly();                                   // SIGKILL on Linux
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String worker = Files.readString(log);
        assertThat(written).as("the worker wrote a checkpoint before it was killed:\n" + worker).isTrue();
        assertThat(worker).as("killed before the run finished:\n" + worker).doesNotContain("WORKER DONE");
        assertThat(new RunStore(store).get(CheckpointWorker.SPEC)).isEmpty();

        Experiment here = experiment(store, 100);
        StoredRun[] resumed = new StoredRun[1];
        String out = printed(() -> resumed[0] = here.stored(CheckpointWorker.SPEC));
        assertThat(out).as(out).containsPattern("resumed at iteration [1-9][0-9]*00 from its checkpoint");
        StoredRun uninterrupted = experiment(tmp.resolve("reference"), 0).stored(CheckpointWorker.SPEC);
        assertThat(resumed[0].metrics().valLoss()).isEqualTo(uninterrupted.metrics().valLoss());
        assertThat(java.util.Arrays.mismatch(resumed[0].state().params(), uninterrupted.state().params())).isEqualTo(-1);
        assertThat(file).doesNotExist();
    }

    @Test
    @DisplayName("a checkpoint that cannot be written (no checkpoints directory possible): a warning, the run goes on and is stored")
    void unwritable(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("checkpoints"), "a file where the directory would be");
        List<String> warnings = warningsDuring(() -> assertSameAsReference(experiment(dir, 65).stored(SPEC)));
        assertThat(warnings).isNotEmpty().allSatisfy(w -> assertThat(w).contains("could not write checkpoint").contains("training goes on"))
                .anySatisfy(w -> assertThat(w).contains(dir.resolve("checkpoints").resolve(SPEC.hash() + ".bin").toString()));
    }

    /** The warnings {@link RunCheckpoints} logs while {@code body} runs. */
    static List<String> warningsDuring(Runnable body) {
        var warnings = new java.util.ArrayList<String>();
        var log = java.util.logging.Logger.getLogger(RunCheckpoints.class.getName());
        var handler = new java.util.logging.Handler() {
            @Override public void publish(java.util.logging.LogRecord r) { warnings.add(r.getMessage()); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        log.addHandler(handler);
        try {
            body.run();
        } finally {
            log.removeHandler(handler);
        }
        return warnings;
    }

    @Test
    @DisplayName("a checkpoint file reads back every field it was written with, masks as bits, NaN and -0.0 included")
    void roundTrip(@TempDir Path dir) {
        Map<String, float[]> keep = new LinkedHashMap<>();
        keep.put("0_W", new float[]{1, 0, 1, 1, 0, 0, 0, 1, 1});
        keep.put("1_W", new float[]{0});
        Checkpoint c = new Checkpoint(130, 12.5, new float[]{0.5f, -0f, Float.MIN_VALUE}, new float[]{1e-30f, -2f},
                new long[]{-7L, Long.MAX_VALUE}, keep, List.of(new double[]{25, 1.5, 60, Double.NaN}, new double[]{50, 1.25, 70, 71}),
                1, new float[]{3f, -0f, 1f});
        RunCheckpoints cks = new RunStore(dir).checkpoints();
        assertThat(cks.put(SPEC, c)).isPositive();
        assertSameFields(cks.get(SPEC).orElseThrow(), c);
        Checkpoint noBest = new Checkpoint(1, 0, new float[0], new float[0], new long[0], Map.of(), List.of(), -1, null);
        cks.put(SPEC, noBest);
        assertSameFields(cks.get(SPEC).orElseThrow(), noBest);
    }

    /** Field by field, bit for bit (Arrays.equals: -0.0 is not 0.0, NaN is NaN). */
    static void assertSameFields(Checkpoint got, Checkpoint want) {
        assertThat(new double[]{got.iteration(), got.seconds(), got.best()}).isEqualTo(new double[]{want.iteration(), want.seconds(), want.best()});
        assertThat(java.util.Arrays.equals(got.params(), want.params())).as("params").isTrue();
        assertThat(java.util.Arrays.equals(got.updater(), want.updater())).as("optimizer state").isTrue();
        assertThat(java.util.Arrays.equals(got.bestParams(), want.bestParams())).as("kept early-stop weights").isTrue();
        assertThat(got.random()).isEqualTo(want.random());
        assertThat(got.keep().keySet()).containsExactlyElementsOf(want.keep().keySet());
        want.keep().forEach((k, v) -> assertThat(got.keep().get(k)).as("mask " + k).isEqualTo(v));
        assertThat(got.evals()).hasSameSizeAs(want.evals());
        for (int i = 0; i < want.evals().size(); i++)
            assertThat(java.util.Arrays.equals(got.evals().get(i), want.evals().get(i))).as("evaluation " + i).isTrue();
    }

    /** A damaged checkpoint of SPEC: set aside with a warning naming it, never resumed; the run starts over with the same bits. */
    void assertSetAsideAndRestarted(Path dir, java.util.function.Consumer<Path> damage, String why) throws IOException {
        killAfter(dir, 65, 1);
        RunStore store = new RunStore(dir);
        Path file = store.checkpoints().file(SPEC);
        damage.accept(file);
        String[] out = new String[1];
        StoredRun[] run = new StoredRun[1];
        List<String> warnings = warningsDuring(() -> out[0] = printed(() -> run[0] = experiment(dir, 65).stored(SPEC)));
        assertThat(warnings).as("a warning names the file and why").anySatisfy(w -> assertThat(w).contains(file.toString())
                .contains("set aside").contains("starts over").contains(why));
        assertThat(out[0]).as("not resumed").doesNotContain("resumed at iteration");
        assertThat(names(file.getParent(), ".corrupt-" + SPEC.hash())).as("set aside for inspection").hasSize(1);
        assertSameAsReference(run[0]);
    }

    static void write(Path f, byte[] b) {
        try { Files.write(f, b); } catch (IOException e) { throw new java.io.UncheckedIOException(e); }
    }

    static byte[] read(Path f) {
        try { return Files.readAllBytes(f); } catch (IOException e) { throw new java.io.UncheckedIOException(e); }
    }

    @Test
    @DisplayName("a truncated checkpoint: set aside with a warning naming the file, the run starts over, same bits")
    void truncated(@TempDir Path dir) throws IOException {
        assertSetAsideAndRestarted(dir, f -> write(f, java.util.Arrays.copyOf(read(f), read(f).length / 2)), "checksum mismatch");
    }

    @Test
    @DisplayName("a checkpoint with one flipped bit: set aside (checksum), the run starts over, same bits")
    void flippedBit(@TempDir Path dir) throws IOException {
        assertSetAsideAndRestarted(dir, f -> {
            byte[] b = read(f);
            b[b.length / 3] ^= 0x10;
            write(f, b);
        }, "checksum mismatch");
    }

    @Test
    @DisplayName("an empty checkpoint file: set aside, the run starts over")
    void empty(@TempDir Path dir) throws IOException {
        assertSetAsideAndRestarted(dir, f -> write(f, new byte[0]), "truncated checkpoint (0 bytes)");
    }

    @Test
    @DisplayName("another configuration's checkpoint under this run's name: set aside, never continued")
    void foreign(@TempDir Path dir) throws IOException {
        RunSpec other = new RunSpec(SETUP, 5, Arm.TICKET, 2, 10);
        assertSetAsideAndRestarted(dir, f -> {
            RunCheckpoints cks = new RunStore(dir).checkpoints();
            cks.put(other, cks.get(SPEC).orElseThrow());
            write(f, read(cks.file(other)));
        }, "a checkpoint of another configuration");
    }

    @Test
    @DisplayName("a whole checkpoint whose mask is not the run's (its parent changed): set aside, the run starts over")
    void maskMismatch(@TempDir Path dir) throws IOException {
        assertSetAsideAndRestarted(dir, f -> {
            RunCheckpoints cks = new RunStore(dir).checkpoints();
            Checkpoint c = cks.get(SPEC).orElseThrow();
            Map<String, float[]> keep = new LinkedHashMap<>(c.keep());
            float[] k = keep.get("0_W").clone();
            k[0] = 1 - k[0];
            keep.put("0_W", k);
            cks.put(SPEC, new Checkpoint(c.iteration(), c.seconds(), c.params(), c.updater(), c.random(), keep, c.evals(),
                    c.best(), c.bestParams()));
        }, "its mask of 0_W differs");
    }
}
