package lth.train;

import lth.model.Architectures;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import lth.prune.Mask;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scoring the test set only at the early-stop point and the end ({@link TrainConfig#testAtEsAndEnd})
 * gives the same numbers as scoring it at every evaluation: the same training bits, the same early
 * stop, the same test accuracies there and at the end (read from the weights kept at the best
 * validation loss, batch-norm statistics included). Only the stored test curve has gaps.
 */
class TestEvaluationTest {

    static Trainer.Result train(String model, boolean testAtEsAndEnd) {
        Optimizer opt = model.startsWith("vgg") ? Optimizer.sgd(0.05).withSchedule(5, new int[]{40}, 0.1) : Optimizer.adam(1.2e-3);
        Network n = Architectures.build(new ModelSpec(model, model.startsWith("vgg") ? 0.125 : 1.0), opt, 7, 1, 28, 28, 10);
        TrainConfig cfg = new TrainConfig(60, 20, 10).testAtEsAndEnd(testAtEsAndEnd);
        return Trainer.train(n, Mask.dense(n.prunable()), TinyData.splits(), 7, cfg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenet-300-100", "vgg-11"})
    @DisplayName("test scored at early stop and end only: same metrics, same bits as scoring it every evaluation")
    void sameNumbers(String model) {
        Trainer.Result every = train(model, false), sparse = train(model, true);
        RunMetrics a = every.metrics(), b = sparse.metrics();
        assertThat(b.valLoss()).isEqualTo(a.valLoss());
        assertThat(b.esIteration()).isEqualTo(a.esIteration());
        assertThat(b.testAccuracyAtEs()).isEqualTo(a.testAccuracyAtEs());
        assertThat(b.testAccuracyFinal()).isEqualTo(a.testAccuracyFinal());
        assertThat(Trainer.paramHash(sparse.finalParams())).isEqualTo(Trainer.paramHash(every.finalParams()));
        long scored = Arrays.stream(b.testAccuracy()).filter(Double::isFinite).count();
        assertThat(scored).as("scored only at early stop and end").isBetween(1L, 2L);
        assertThat(a.esIteration()).as("the test is meaningful only if early stop is not the end").isLessThanOrEqualTo(60);
    }
}
