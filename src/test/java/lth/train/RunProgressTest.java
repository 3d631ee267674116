package lth.train;

import lth.model.Architectures;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import lth.prune.Mask;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Progress inside a run: one line per evaluation at most every interval, and a listener that changes nothing. */
class RunProgressTest {

    static EvalListener.Evaluation at(int iteration, double seconds) {
        return new EvalListener.Evaluation(iteration, 0, 50_000, 0.0712, 97.84, seconds);
    }

    @Test
    @DisplayName("a line at most every 30 s of the run's time, never more often; a short run prints nothing")
    void throttled() {
        List<String> lines = new ArrayList<>();
        RunProgress p = new RunProgress("[LTH-3] reinit level 4, seed 2", 30, lines::add);
        for (int i = 1; i <= 100; i++) p.evaluated(at(i * 100, i * 1.0));    // one evaluation a second, 100 s
        assertThat(lines).hasSize(3);                                           // at 30, 60 and 90 s
        assertThat(lines.get(0)).isEqualTo(
                "[LTH-3] reinit level 4, seed 2 | it 3000/50000 val loss 0.0712 acc 97.84% | 30s, ~7m50s left");
        List<String> none = new ArrayList<>();
        RunProgress q = new RunProgress("x", 30, none::add);
        for (int i = 1; i <= 29; i++) q.evaluated(at(i * 100, i));
        assertThat(none).isEmpty();
        List<String> slow = new ArrayList<>();                                  // evaluations 45 s apart: one line each
        RunProgress r = new RunProgress("x", 30, slow::add);
        for (int i = 1; i <= 4; i++) r.evaluated(at(i * 100, i * 45.0));
        assertThat(slow).hasSize(4);
        assertThatThrownBy(() -> new RunProgress("x", 0, slow::add)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("time left counts from a resumed run's first iteration; compact times")
    void estimate() {
        var e = new EvalListener.Evaluation(3000, 1000, 11_000, 0.1, 90, 100);   // 2000 iterations in 100 s, 8000 left
        assertThat(e.secondsLeft()).isEqualTo(400);
        assertThat(RunProgress.time(7)).isEqualTo("7s");
        assertThat(RunProgress.time(372)).isEqualTo("6m12s");
        assertThat(RunProgress.time(7500)).isEqualTo("2h05m");
    }

    @Test
    @DisplayName("Trainer tells the listener every evaluation, in order, and the run's bits are those without one")
    void trainerTellsEveryEvaluation() {
        List<EvalListener.Evaluation> seen = new ArrayList<>();
        Network a = lenet(7), b = lenet(7);
        Trainer.Result heard = Trainer.train(a, Mask.dense(a.prunable()), TinyData.splits(), 7, DeterminismTest.CFG, seen::add);
        Trainer.Result plain = Trainer.train(b, Mask.dense(b.prunable()), TinyData.splits(), 7, DeterminismTest.CFG);
        assertThat(seen).extracting(EvalListener.Evaluation::iteration).containsExactly(10, 20, 30);
        assertThat(seen).extracting(EvalListener.Evaluation::valLoss)
                .containsExactly(heard.metrics().valLoss()[0], heard.metrics().valLoss()[1], heard.metrics().valLoss()[2]);
        assertThat(Trainer.paramHash(heard.finalParams())).isEqualTo(Trainer.paramHash(plain.finalParams()));
        assertThat(heard.metrics().valLoss()).isEqualTo(plain.metrics().valLoss());
    }

    static Network lenet(long seed) {
        return Architectures.build(new ModelSpec("lenet-300-100", 1.0), Optimizer.adam(1.2e-3), seed, 1, 28, 28, 10);
    }
}
