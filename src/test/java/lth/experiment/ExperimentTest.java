package lth.experiment;

import lth.model.ModelSpec;
import lth.model.Optimizer;
import lth.prune.Rates;
import lth.train.TinyData;
import lth.train.TrainConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class ExperimentTest {
    static final Setup SETUP = new Setup("tiny", new ModelSpec("lenet-300-100", 1.0), "tiny", Optimizer.adam(1.2e-3),
            new TrainConfig(30, 20, 10), new Rates(0, 0.2, 0.1), lth.prune.Scope.LAYERWISE, 2);

    @Test
    @DisplayName("reinit keeps the ticket's mask and draws other weights; one-shot and random have the ticket's counts")
    void controlsShareTheTicketsMask(@TempDir Path dir) {
        Experiment ex = new Experiment(TinyData.splits(), new RunStore(dir), Executors.newFixedThreadPool(2));
        StoredRun ticket = ex.stored(new RunSpec(SETUP, 1, Arm.TICKET, 2));
        StoredRun reinit = ex.stored(new RunSpec(SETUP, 1, Arm.REINIT, 2));
        StoredRun oneshot = ex.stored(new RunSpec(SETUP, 1, Arm.ONESHOT, 2));
        StoredRun random = ex.stored(new RunSpec(SETUP, 1, Arm.RANDOM, 2));
        assertThat(reinit.keptPerLayer()).isEqualTo(ticket.keptPerLayer());
        assertThat(oneshot.keptPerLayer()).isEqualTo(ticket.keptPerLayer());
        assertThat(random.keptPerLayer()).isEqualTo(ticket.keptPerLayer());
        assertThat(reinit.metrics().valLoss()).as("fresh weights train differently").isNotEqualTo(ticket.metrics().valLoss());
        assertThat(ticket.metrics().pmPercent()).isCloseTo(100.0 * (Rates.survivors(235200, 0.36, 1)
                + Rates.survivors(30000, 0.36, 1) + Rates.survivors(1000, 0.19, 1)) / 266200, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    @DisplayName("a finished run is read back from the store bit for bit instead of being trained again")
    void storeReuse(@TempDir Path dir) {
        RunSpec spec = new RunSpec(SETUP, 3, Arm.TICKET, 2);
        Experiment first = new Experiment(TinyData.splits(), new RunStore(dir), Executors.newFixedThreadPool(2));
        Outcome trained = first.run(spec).join();
        Experiment second = new Experiment(TinyData.splits(), new RunStore(dir), Executors.newFixedThreadPool(2));
        Outcome reused = second.run(spec).join();
        assertThat(trained.cached()).isFalse();
        assertThat(reused.cached()).isTrue();
        assertThat(reused.metrics().valLoss()).isEqualTo(trained.metrics().valLoss());
        assertThat(second.missing(java.util.List.of(spec))).isZero();
    }

    @Test
    @DisplayName("missing() counts every run a spec branches from: the trunk, θ_k and the rewound chain, one-shot's dense net")
    void missingCountsTheWholeChain(@TempDir Path dir) {
        Experiment ex = new Experiment(TinyData.splits(), new RunStore(dir), Executors.newFixedThreadPool(1));
        // rounds_per_level 2: level 4 needs trunk levels 0, 2, 4
        assertThat(ex.missing(java.util.List.of(new RunSpec(SETUP, 1, Arm.TICKET, 4)))).isEqualTo(3);
        // + reinit at 4 (its parent is trunk level 2, already counted)
        assertThat(ex.missing(java.util.List.of(new RunSpec(SETUP, 1, Arm.TICKET, 4), new RunSpec(SETUP, 1, Arm.REINIT, 4))))
                .isEqualTo(4);
        // one-shot at 4: itself and the dense net
        assertThat(ex.missing(java.util.List.of(new RunSpec(SETUP, 1, Arm.ONESHOT, 4)))).isEqualTo(2);
        // rewound to k = 5 at level 4: itself, its chain's level 2 (rewound), θ_5 (level 0 at k), and the dense
        // trunk level 0 that the chain's first level prunes
        assertThat(ex.missing(java.util.List.of(new RunSpec(SETUP, 1, Arm.TICKET, 4, 5)))).isEqualTo(4);
        // a global-scope chain shares the dense net (one key) with the layer-wise one: 3 + 2, not 3 + 3
        Setup global = new Setup("tiny", SETUP.model(), SETUP.dataset(), SETUP.optimizer(), SETUP.train(), SETUP.rates(), lth.prune.Scope.GLOBAL, 2);
        assertThat(ex.missing(java.util.List.of(new RunSpec(SETUP, 1, Arm.TICKET, 4), new RunSpec(global, 1, Arm.TICKET, 4))))
                .isEqualTo(5);
        ex.stored(new RunSpec(SETUP, 1, Arm.TICKET, 2));
        assertThat(ex.missing(java.util.List.of(new RunSpec(SETUP, 1, Arm.TICKET, 4)))).isEqualTo(1);
    }

    @Test
    @DisplayName("the random-pruning control starts from the unmasked θ0: weights IMP pruned come back with their θ0 values")
    void randomPruningStartsFromUnmaskedTheta0(@TempDir Path dir) {
        Experiment ex = new Experiment(TinyData.splits(), new RunStore(dir), Executors.newFixedThreadPool(2));
        Experiment.Start random = ex.start(new RunSpec(SETUP, 1, Arm.RANDOM, 2));
        Experiment.Start ticket = ex.start(new RunSpec(SETUP, 1, Arm.TICKET, 2));
        float[] theta0 = lth.model.Architectures.build(SETUP.model(), SETUP.optimizer(), 1, 1, 28, 28, 10)
                .net().getParam("0_W").dup('c').data().asFloat();
        float[] w = random.net().net().getParam("0_W").dup('c').data().asFloat();
        float[] keepRandom = random.mask().layer("0_W").keep(), keepImp = ticket.mask().layer("0_W").keep();
        int revived = 0;
        for (int i = 0; i < w.length; i++) {
            assertThat(w[i]).isEqualTo(keepRandom[i] != 0f ? theta0[i] : 0f);
            if (keepRandom[i] != 0f && keepImp[i] == 0f && theta0[i] != 0f) revived++;
        }
        assertThat(revived).as("weights pruned by IMP but kept by the random mask start at θ0, not at 0").isPositive();
        assertThat(random.mask().keptPerLayer()).isEqualTo(ticket.mask().keptPerLayer());
    }

    @Test
    @DisplayName("a rewound ticket starts from θ_k (the dense run after k iterations) masked, at iteration k")
    void rewoundTicketStartsFromThetaK(@TempDir Path dir) {
        Experiment ex = new Experiment(TinyData.splits(), new RunStore(dir), Executors.newFixedThreadPool(2));
        Experiment.Start rewound = ex.start(new RunSpec(SETUP, 1, Arm.TICKET, 2, 10));
        float[] thetaK = ex.stored(new RunSpec(SETUP, 1, Arm.TICKET, 0, 10)).state().params();
        float[] start = rewound.net().net().params().dup('c').data().asFloat();
        assertThat(rewound.cfg().startIteration()).isEqualTo(10);
        float[] keep = rewound.mask().layer("0_W").keep();
        float[] w0 = rewound.net().net().getParam("0_W").dup('c').data().asFloat();
        var k = lth.model.Architectures.build(SETUP.model(), SETUP.optimizer(), 99, 1, 28, 28, 10);
        k.net().setParams(org.nd4j.linalg.factory.Nd4j.create(thetaK, new long[]{1, thetaK.length}, 'c'));
        float[] wk = k.net().getParam("0_W").dup('c').data().asFloat();
        int kept = 0;
        for (int i = 0; i < keep.length; i++) {
            assertThat(w0[i]).isEqualTo(keep[i] != 0f ? wk[i] : 0f);
            if (keep[i] != 0f) kept++;
        }
        assertThat(kept).isPositive();
        assertThat(start.length).isEqualTo(thetaK.length);
    }

    @Test
    @DisplayName("global scope: one-shot (layer-wise only) and rates global pruning would replace by one are run errors")
    void globalScopeCombinationsTheEngineCannotTrainAreErrors(@TempDir Path dir) {
        Experiment ex = new Experiment(TinyData.splits(), new RunStore(dir), Executors.newFixedThreadPool(2));
        Setup global = new Setup("tiny", SETUP.model(), SETUP.dataset(), SETUP.optimizer(), SETUP.train(), new Rates(0, 0.2, 0), lth.prune.Scope.GLOBAL, 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ex.start(new RunSpec(global, 1, Arm.ONESHOT, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one-shot pruning is layer-wise only");
        Setup unequal = new Setup("tiny", SETUP.model(), SETUP.dataset(), SETUP.optimizer(), SETUP.train(), new Rates(0.3, 0.2, 0), lth.prune.Scope.GLOBAL, 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ex.start(new RunSpec(unequal, 1, Arm.TICKET, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ");
        assertThat(ex.start(new RunSpec(global, 1, Arm.TICKET, 2)).mask().pmPercent()).isLessThan(100);   // the valid global setup trains
    }

    @Test
    @DisplayName("a run imported without weights (metrics only) is retrained, the same bits, when a new run branches from it")
    void importedRunsGetTheirWeightsBack(@TempDir Path a, @TempDir Path b) throws java.io.IOException {
        Experiment full = new Experiment(TinyData.splits(), new RunStore(a), Executors.newFixedThreadPool(1));
        RunSpec dense = new RunSpec(SETUP, 3, Arm.TICKET, 0), random = new RunSpec(SETUP, 3, Arm.RANDOM, 2);
        var expected = full.stored(random).metrics();
        full.stored(new RunSpec(SETUP, 3, Arm.TICKET, 2));
        for (RunSpec s : java.util.List.of(dense, new RunSpec(SETUP, 3, Arm.TICKET, 2))) {    // as scripts/tier-runs imports
            Path to = java.nio.file.Files.createDirectories(b.resolve(s.hash()));
            for (String f : java.util.List.of("spec.txt", "metrics.json"))
                java.nio.file.Files.copy(a.resolve(s.hash()).resolve(f), to.resolve(f));
        }
        Experiment imported = new Experiment(TinyData.splits(), new RunStore(b), Executors.newFixedThreadPool(1));
        assertThat(imported.missing(java.util.List.of(random))).as("to train: the new run and the weightless runs it branches from")
                .isEqualTo(RunGraph.needed(java.util.List.of(random)));
        assertThat(imported.missing(java.util.List.of(dense))).as("a stored run nothing new branches from is not retrained").isZero();
        assertThat(imported.stored(dense).state()).as("imported: metrics only").isNull();
        var again = imported.stored(random).metrics();
        assertThat(again.valLoss()).isEqualTo(expected.valLoss());
        assertThat(again.testAccuracyFinal()).isEqualTo(expected.testAccuracyFinal());
        assertThat(new RunStore(b).get(dense).orElseThrow().state()).as("the dense entry now has its weights").isNotNull();
    }

    @Test
    @DisplayName("imported chains of two seeds are retrained concurrently, each run once, the same bits")
    void importedChainsRetrainConcurrently(@TempDir Path a, @TempDir Path b) throws java.io.IOException {
        Experiment full = new Experiment(TinyData.splits(), new RunStore(a), Executors.newFixedThreadPool(2));
        var randoms = java.util.List.of(new RunSpec(SETUP, 3, Arm.RANDOM, 4), new RunSpec(SETUP, 4, Arm.RANDOM, 4));
        var expected = randoms.stream().map(r -> full.stored(r).metrics().valLoss()).toList();
        for (int seed : new int[]{3, 4})
            for (RunSpec s : java.util.List.of(new RunSpec(SETUP, seed, Arm.TICKET, 0), new RunSpec(SETUP, seed, Arm.TICKET, 2))) {
                Path to = java.nio.file.Files.createDirectories(b.resolve(s.hash()));
                for (String f : java.util.List.of("spec.txt", "metrics.json"))
                    java.nio.file.Files.copy(a.resolve(s.hash()).resolve(f), to.resolve(f));
            }
        Experiment imported = new Experiment(TinyData.splits(), new RunStore(b), Executors.newFixedThreadPool(2));
        assertThat(imported.missing(randoms)).as("both chains and both new runs").isEqualTo(6);
        var both = randoms.stream().map(imported::run).toList();
        for (int i = 0; i < 2; i++) assertThat(both.get(i).join().metrics().valLoss()).isEqualTo(expected.get(i));
        for (int seed : new int[]{3, 4})
            assertThat(new RunStore(b).get(new RunSpec(SETUP, seed, Arm.TICKET, 2)).orElseThrow().state()).isNotNull();
    }
}
