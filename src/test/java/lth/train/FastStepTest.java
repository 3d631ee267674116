package lth.train;

import lth.prune.LayerMask;
import lth.prune.Mask;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The trainer with its fast step ({@link lth.kernel.FastMlp}) and with DL4J's fit: the same run. */
class FastStepTest {
    static final TrainConfig CFG = MaskedTrainingTest.CFG;

    @Test
    @DisplayName("Trainer gives bit-identical metrics and parameters with the fast step and with DL4J's fit")
    void sameMetricsAsDl4j() {
        Mask mask = MaskedTrainingTest.prunedMask(4);
        Trainer.Result slow = Trainer.train(MaskedTrainingTest.lenet(4), mask, MaskedTrainingTest.DATA, 4, CFG, false, EvalListener.NONE);
        Trainer.Result fast = Trainer.train(MaskedTrainingTest.lenet(4), mask, MaskedTrainingTest.DATA, 4, CFG, true, EvalListener.NONE);
        assertThat(fast.finalParams().data().asFloat()).isEqualTo(slow.finalParams().data().asFloat());
        RunMetrics f = fast.metrics(), sl = slow.metrics();
        assertThat(f.evalIterations()).isEqualTo(sl.evalIterations());
        assertThat(f.valLoss()).isEqualTo(sl.valLoss());
        assertThat(f.valAccuracy()).isEqualTo(sl.valAccuracy());
        assertThat(f.testAccuracy()).isEqualTo(sl.testAccuracy());
        assertThat(f.esIteration()).isEqualTo(sl.esIteration());
    }

    @Test
    @DisplayName("hidden units with every input weight pruned (pre-activation exactly 0) train as in DL4J's fit")
    void deadUnitsAsInDl4j() {
        Mask base = MaskedTrainingTest.prunedMask(3);
        List<LayerMask> layers = new ArrayList<>();
        for (LayerMask l : base.layers()) {
            float[] keep = l.keep().clone();
            long[] shape = l.param().shape();
            if (l.param().key().equals("0_W") || l.param().key().equals("1_W"))    // [in, out]: units 0..4 lose all inputs
                for (int i = 0; i < shape[0]; i++) for (int j = 0; j < 5; j++) keep[i * (int) shape[1] + j] = 0f;
            layers.add(new LayerMask(l.param(), keep));
        }
        Mask mask = new Mask(layers);
        Trainer.Result slow = Trainer.train(MaskedTrainingTest.lenet(5), mask, MaskedTrainingTest.DATA, 5, CFG, false, EvalListener.NONE);
        Trainer.Result fast = Trainer.train(MaskedTrainingTest.lenet(5), mask, MaskedTrainingTest.DATA, 5, CFG, true, EvalListener.NONE);
        assertThat(fast.finalParams().data().asFloat()).isEqualTo(slow.finalParams().data().asFloat());
        assertThat(fast.metrics().valLoss()).isEqualTo(slow.metrics().valLoss());
    }
}
