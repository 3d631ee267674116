package lth.experiment;

import lth.model.Architectures;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.prune.Rates;
import lth.train.RunMetrics;
import lth.train.TinyData;
import lth.train.TrainConfig;
import lth.train.Trainer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;

import static lth.experiment.StateFileTest.assertSameState;
import static lth.experiment.StateFileTest.bits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store keeps what later runs read, compactly, and they read the same bits as from an entry of the
 * old format; θ0 is never stored but regenerated from the seed, bit for bit what training starts from.
 */
class CompactStoreTest {
    static final Setup SETUP = ExperimentTest.SETUP;

    static Experiment experiment(Path store) {
        return new Experiment(TinyData.splits(), new RunStore(store), Executors.newFixedThreadPool(1));
    }

    static RunMetrics withoutSeconds(RunMetrics m) {
        return new RunMetrics(m.evalIterations(), m.valLoss(), m.valAccuracy(), m.testAccuracy(), m.esIteration(),
                m.testAccuracyAtEs(), m.testAccuracyFinal(), m.diverged(), m.pmPercent(), 0);
    }

    static String magic(Path entry) throws IOException {
        byte[] b = Files.readAllBytes(entry.resolve("state.bin"));
        return new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Copies store {@code a}'s entries of {@code specs} into {@code b} with their state in the old "LTH2" format. */
    static void copyAsOldFormat(Path a, Path b, List<RunSpec> specs) throws IOException {
        for (RunSpec s : specs) {
            Path from = a.resolve(s.hash()), to = Files.createDirectories(b.resolve(s.hash()));
            for (String f : List.of("spec.txt", "metrics.json")) Files.copy(from.resolve(f), to.resolve(f));
            Files.write(to.resolve("state.bin"), LegacyStateFile.bytes(StateFile.read(from.resolve("state.bin"))));
        }
    }

    @Test
    @DisplayName("the next IMP round, a rewound ticket, a twin and the controls give the same bits from compact entries as from old-format ones")
    void compactAndOldEntriesGiveTheSameRuns(@TempDir Path a, @TempDir Path b) throws IOException {
        RunSpec dense = new RunSpec(SETUP, 4, Arm.TICKET, 0), thetaK = new RunSpec(SETUP, 4, Arm.TICKET, 0, 10);
        Experiment first = experiment(a);
        first.stored(dense);
        first.stored(thetaK);
        copyAsOldFormat(a, b, List.of(dense, thetaK));
        assertThat(magic(a.resolve(dense.hash()))).isEqualTo("LTH3");
        assertThat(magic(b.resolve(dense.hash()))).isEqualTo("LTH2");
        assertThat(Files.size(a.resolve(dense.hash()).resolve("state.bin")))
                .as("masks as bits, the weights once").isLessThan(Files.size(b.resolve(dense.hash()).resolve("state.bin")) / 2);

        Experiment compact = experiment(a), old = experiment(b);
        for (RunSpec s : List.of(new RunSpec(SETUP, 4, Arm.TICKET, 2), new RunSpec(SETUP, 4, Arm.TICKET, 2, 10),
                new RunSpec(SETUP, 4, Arm.TWIN, 2), new RunSpec(SETUP, 4, Arm.REINIT, 2), new RunSpec(SETUP, 4, Arm.RANDOM, 2),
                new RunSpec(SETUP, 4, Arm.ONESHOT, 2), new RunSpec(SETUP, 4, Arm.TICKET, 4, 10))) {
            StoredRun x = compact.stored(s), y = old.stored(s);
            assertThat(withoutSeconds(x.metrics())).as(s.describe()).usingRecursiveComparison().isEqualTo(withoutSeconds(y.metrics()));
            assertThat(x.keptPerLayer()).as(s.describe()).isEqualTo(y.keptPerLayer());
            assertThat(x.state() == null).as(s.describe() + ": weights kept alike").isEqualTo(y.state() == null);
            if (x.state() != null) assertSameState(x.state(), y.state());
            assertThat(new RunStore(a).get(s).orElseThrow().state() == null).as(s.describe() + " keeps weights only if a ticket or twin")
                    .isEqualTo(s.arm() != Arm.TICKET && s.arm() != Arm.TWIN);
        }
        assertThat(magic(b.resolve(dense.hash()))).as("an old entry is read, never rewritten").isEqualTo("LTH2");
        assertSameState(new RunStore(b).get(dense).orElseThrow().state(), new RunStore(a).get(dense).orElseThrow().state());
    }

    @Test
    @DisplayName("an old-format entry cut short is set aside and the run retrained, as a compact one is")
    void truncatedOldEntryIsSetAside(@TempDir Path a, @TempDir Path b) throws IOException {
        RunSpec dense = new RunSpec(SETUP, 6, Arm.TICKET, 0);
        StoredRun trained = experiment(a).stored(dense);
        copyAsOldFormat(a, b, List.of(dense));
        Path state = b.resolve(dense.hash()).resolve("state.bin");
        Files.write(state, java.util.Arrays.copyOf(Files.readAllBytes(state), (int) Files.size(state) - 100));
        assertThat(new RunStore(b).get(dense)).isEmpty();
        assertThat(RunStoreFaultsTest.names(b, ".corrupt-" + dense.hash())).hasSize(1);
        StoredRun again = experiment(b).stored(dense);
        assertThat(withoutSeconds(again.metrics())).usingRecursiveComparison().isEqualTo(withoutSeconds(trained.metrics()));
        assertSameState(again.state(), trained.state());
        assertThat(magic(b.resolve(dense.hash()))).isEqualTo("LTH3");
    }

    @Test
    @DisplayName("weights the store does not keep (reinit, random, one-shot runs) are asked for with a clear error")
    void weightsNotKeptAreAClearError(@TempDir Path a) {
        Experiment ex = experiment(a);
        RunSpec reinit = new RunSpec(SETUP, 4, Arm.REINIT, 2);
        assertThat(ex.stored(reinit).state()).isNull();
        assertThatThrownBy(() -> ex.state(reinit)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reinit level 2, seed 4: the store keeps no weights of reinit runs");
        assertThat(ex.state(new RunSpec(SETUP, 4, Arm.TICKET, 2)).params()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lenet-300-100", "conv-2", "vgg-11", "resnet-20"})
    @DisplayName("θ0 is not stored: regenerated from the seed, it is bit for bit what the run's training starts from")
    void theta0IsRegeneratedFromTheSeed(String model, @TempDir Path a) {
        Setup setup = new Setup("tiny-" + model, new ModelSpec(model, model.startsWith("lenet") ? 1.0 : 0.125), "tiny",
                lth.model.Optimizer.sgd(0.05), new TrainConfig(20, 20, 10), new Rates(0.2, 0.2, 0.1), lth.prune.Scope.LAYERWISE, 1);
        Experiment ex = experiment(a);
        for (RunSpec s : List.of(new RunSpec(setup, 8, Arm.TICKET, 0), new RunSpec(setup, 8, Arm.TICKET, 1), new RunSpec(setup, 8, Arm.REINIT, 1))) {
            Experiment.Start start = ex.start(s);
            // Disturb ND4J's generator and build other networks first: θ0 depends on the seed alone.
            Nd4j.getRandom().setSeed(12345);
            Nd4j.rand(7, 7);
            Architectures.build(setup.model(), setup.optimizer(), 99, 1, 28, 28, 10);
            long seed = s.arm() == Arm.REINIT ? Seeds.derive(8, "reinit", 1) : 8;
            Network again = Architectures.build(setup.model(), setup.optimizer(), seed, 1, 28, 28, 10);
            Trainer.installMasks(again, start.mask());
            assertThat(bits(again.net().params().dup('c').data().asFloat())).as("%s: θ0", s.describe())
                    .isEqualTo(bits(start.net().net().params().dup('c').data().asFloat()));
        }
        // and the regenerated θ0 trains to the stored run
        RunSpec dense = new RunSpec(setup, 8, Arm.TICKET, 0);
        Network again = Architectures.build(setup.model(), setup.optimizer(), 8, 1, 28, 28, 10);
        Trainer.Result r = Trainer.train(again, lth.prune.Mask.dense(again.prunable()), TinyData.splits(), 8, setup.train());
        assertThat(bits(r.finalParams().dup('c').data().asFloat())).isEqualTo(bits(ex.state(dense).params()));
        assertThat(withoutSeconds(r.metrics())).usingRecursiveComparison().isEqualTo(withoutSeconds(ex.stored(dense).metrics()));
    }
}
