package lth.train;

import lth.experiment.Arm;
import lth.experiment.RunSpec;
import lth.experiment.RunStore;
import lth.experiment.Setup;
import lth.experiment.StoredRun;
import lth.model.Architectures;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import lth.prune.Mask;
import lth.prune.Rates;
import lth.stats.Direction;
import lth.stats.Hypothesis;
import lth.stats.Kind;
import lth.stats.Pair;
import lth.stats.PairedAnalysis;
import lth.stats.PrimaryTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Catalogue: "training diverges (NaN/inf loss)" is recorded as diverged, with real numbers, and counted. */
class DivergenceTest {
    static final TrainConfig CFG = new TrainConfig(20, 20, 5);
    static final ModelSpec LENET = new ModelSpec("lenet-300-100", 1.0);
    static final Optimizer HUGE_SGD = new Optimizer("sgd", 1e4, 0.9, 0);

    static RunMetrics divergedRun() {
        Network n = Architectures.build(LENET, HUGE_SGD, 1, 1, 28, 28, 10);
        return Trainer.train(n, Mask.dense(n.prunable()), TinyData.splits(), 1, CFG).metrics();
    }

    @Test
    @DisplayName("diverging run (SGD lr 1e4): marked diverged, chance-level finite accuracies, finite claim metrics, survives the store, counted by the statistics")
    void divergingRunIsRecordedAsDivergedWithRealAccuracy(@TempDir Path dir) {
        RunMetrics m = divergedRun();
        assertThat(m.diverged()).as("non-finite validation loss stops and marks the run").isTrue();
        assertThat(java.util.Arrays.stream(m.valLoss()).boxed().toList()).as("the recorded loss curve keeps the real non-finite value")
                .anyMatch(v -> !Double.isFinite(v));
        assertThat(m.evalIterations()[m.evalIterations().length - 1]).as("training stopped early").isLessThanOrEqualTo(CFG.iterations());
        for (String metric : RunMetrics.METRICS)
            assertThat(m.metric(metric)).as("claim metric %s is finite", metric).isFinite();
        assertThat(m.testAccuracyFinal()).as("a diverged net is at chance level (10 classes)").isCloseTo(10, within(15.0));
        assertThat(m.testAccuracyAtEs()).isBetween(0.0, 100.0);

        // Round trip through the run store: non-finite doubles in metrics.json read back as they were.
        Setup setup = new Setup("diverge", LENET, "tiny", HUGE_SGD, CFG, new Rates(0, 0.2, 0.1), lth.prune.Scope.LAYERWISE, 1);
        RunSpec spec = new RunSpec(setup, 1, Arm.TICKET, 0);
        RunStore store = new RunStore(dir);
        store.put(spec, new StoredRun(spec.canonical(), m, java.util.Map.of("x", 1L), null));
        RunMetrics back = store.get(spec).orElseThrow().metrics();
        assertThat(back.diverged()).isTrue();
        assertThat(back.valLoss()).isEqualTo(m.valLoss());
        assertThat(back.testAccuracy()).isEqualTo(m.testAccuracy());
        assertThat(back.metric("min_validation_loss")).isEqualTo(m.metric("min_validation_loss"));

        // The statistics take the diverged run as a value (not a crash, not dropped).
        double[] a = {m.metric("test_accuracy_at_es"), m.metric("test_accuracy_at_es") + 1, m.metric("test_accuracy_at_es") + 2};
        double[] b = {90, 91, 92};
        var h = new Hypothesis(Kind.SUPERIORITY, Direction.GREATER, false, 0, 1, 0, 0.05, 0.8, PrimaryTest.PAIRED_T);
        var r = PairedAnalysis.family(List.of(new Pair("diverged vs trained", a, b)), h).get(0);
        assertThat(r.n()).isEqualTo(3);
        assertThat(r.meanA()).isFinite();
    }

    @Test
    @DisplayName("min_validation_loss of a run whose every evaluation is non-finite is the loss ceiling, not NaN")
    void nonFiniteLossMetricIsTheCeiling() {
        RunMetrics m = new RunMetrics(new int[]{5}, new double[]{Double.NaN}, new double[]{9.0}, new double[]{10.0},
                5, 10.0, 10.0, true, 100, 0.1);
        assertThat(m.metric("min_validation_loss")).isEqualTo(RunMetrics.LOSS_CEILING);
        assertThat(RunMetrics.LOSS_CEILING).isCloseTo(-Math.log(1e-12), within(1e-9));
    }

    @Test
    @DisplayName("a diverged run counts as not learning: early stop at the configured last iteration, accuracy = final")
    void divergedRunCountsAsNotLearning() {
        // Diverged at iteration 300 of 1000 after a finite minimum at 200: before, it "stopped early" at 200
        // with its pre-divergence accuracy 91%.
        RunMetrics m = new RunMetrics(new int[]{100, 200, 300}, new double[]{0.5, 0.3, Double.NaN},
                new double[]{80, 91, 10}, new double[]{80, 91, 10}, 200, 91, 10, true, 100, 0.1);
        assertThat(m.metric("es_iteration", 1000)).isEqualTo(1000);
        assertThat(m.metric("test_accuracy_at_es", 1000)).isEqualTo(10);
        assertThat(m.metric("test_accuracy_final", 1000)).isEqualTo(10);
        assertThat(m.metric("es_iteration")).isEqualTo(300); // without the configuration: its last evaluation
        assertThat(m.esIteration()).isEqualTo(200);          // the stored data are unchanged
        assertThat(m.testAccuracyAtEs()).isEqualTo(91);
        RunMetrics fine = new RunMetrics(new int[]{100, 200}, new double[]{0.5, 0.3}, new double[]{80, 91},
                new double[]{80, 91}, 200, 91, 91, false, 100, 0.1);
        assertThat(fine.metric("es_iteration", 1000)).isEqualTo(200);
        assertThat(fine.metric("test_accuracy_at_es", 1000)).isEqualTo(91);
    }
}
