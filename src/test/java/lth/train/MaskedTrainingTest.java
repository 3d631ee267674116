package lth.train;

import lth.data.Splits;
import lth.model.Architectures;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import lth.prune.LayerMask;
import lth.prune.MagnitudePruning;
import lth.prune.Mask;
import lth.prune.Rates;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class MaskedTrainingTest {
    public static final Splits DATA = TinyData.splits();
    public static final TrainConfig CFG = new TrainConfig(40, 20, 10);
    static final ModelSpec LENET = new ModelSpec("lenet-300-100", 1.0);
    static final Optimizer ADAM = Optimizer.adam(1.2e-3);

    public static Network lenet(long seed) { return Architectures.build(LENET, ADAM, seed, 1, 28, 28, 10); }

    static Map<String, float[]> weights(Network n) {
        Map<String, float[]> w = new HashMap<>();
        n.prunable().forEach(p -> w.put(p.key(), n.net().getParam(p.key()).dup('c').data().asFloat()));
        return w;
    }

    public static Mask prunedMask(long seed) {
        Network n = lenet(seed);
        Mask dense = Mask.dense(n.prunable());
        Trainer.train(n, dense, DATA, seed, CFG);
        return MagnitudePruning.layerwise(dense, weights(n), new Rates(0, 0.5, 0.25));
    }

    @Test
    @DisplayName("pruned weights are exactly 0 after the reset to θ0 and after every update (Adam moments included)")
    void prunedWeightsStayExactlyZero() {
        Mask mask = prunedMask(1);
        Network ticket = lenet(1);
        Trainer.installMasks(ticket, mask);
        assertPrunedAreZero(ticket, mask, "after reset");
        Trainer.train(ticket, mask, DATA, 1, CFG);
        assertPrunedAreZero(ticket, mask, "after training");
        long nonzeroKept = 0;
        for (LayerMask l : mask.layers()) {
            float[] w = ticket.net().getParam(l.param().key()).dup('c').data().asFloat();
            for (int i = 0; i < w.length; i++) if (l.keep()[i] != 0f && w[i] != 0f) nonzeroKept++;
        }
        assertThat(nonzeroKept).as("surviving weights do train").isGreaterThan(mask.kept() / 2);
    }

    public static void assertPrunedAreZero(Network n, Mask mask, String when) {
        for (LayerMask l : mask.layers()) {
            float[] w = n.net().getParam(l.param().key()).dup('c').data().asFloat();
            int revived = 0;
            for (int i = 0; i < w.length; i++) if (l.keep()[i] == 0f && w[i] != 0f) revived++;
            assertThat(revived).as("%s: non-zero pruned weights in %s", when, l.param().key()).isZero();
        }
    }

    @Test
    @DisplayName("the same seed gives bit-identical parameters and metrics")
    void sameSeedIsBitIdentical() {
        Network a = lenet(5), b = lenet(5);
        Mask m = Mask.dense(a.prunable());
        Trainer.Result ra = Trainer.train(a, m, DATA, 5, CFG);
        Trainer.Result rb = Trainer.train(b, Mask.dense(b.prunable()), DATA, 5, CFG);
        assertThat(ra.finalParams().data().asFloat()).isEqualTo(rb.finalParams().data().asFloat());
        assertThat(ra.metrics().valLoss()).isEqualTo(rb.metrics().valLoss());
        assertThat(ra.metrics().esIteration()).isEqualTo(rb.metrics().esIteration());
        INDArray other = Trainer.train(lenet(6), m, DATA, 6, CFG).finalParams();
        assertThat(other.data().asFloat()).as("another seed differs").isNotEqualTo(ra.finalParams().data().asFloat());
    }

    @Test
    @DisplayName("early stop is the evaluation of minimum validation loss, and test accuracy is read there")
    void earlyStopOnValidation() {
        RunMetrics m = Trainer.train(lenet(2), Mask.dense(lenet(2).prunable()), DATA, 2, CFG).metrics();
        assertThat(m.evalIterations()).containsExactly(10, 20, 30, 40);
        int best = 0;
        for (int i = 1; i < m.valLoss().length; i++) if (m.valLoss()[i] < m.valLoss()[best]) best = i;
        assertThat(m.esIteration()).isEqualTo(m.evalIterations()[best]);
        assertThat(m.testAccuracyAtEs()).isEqualTo(m.testAccuracy()[best]);
        assertThat(m.testAccuracyFinal()).isEqualTo(m.testAccuracy()[m.testAccuracy().length - 1]);
    }
}
