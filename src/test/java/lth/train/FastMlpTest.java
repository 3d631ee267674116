package lth.train;

import lth.model.Network;
import lth.prune.LayerMask;
import lth.prune.Mask;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FastMlpTest {
    static final TrainConfig CFG = MaskedTrainingTest.CFG;

    static float maxAbsDiff(INDArray a, INDArray b) {
        float[] x = a.dup('c').data().asFloat(), y = b.dup('c').data().asFloat();
        float m = 0;
        for (int i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
        return m;
    }

    @Test
    @DisplayName("the fast step gives bit-identical parameters to DL4J's fit after every step (same θ0, masks, minibatches)")
    void sameTrajectoryAsDl4j() {
        Mask mask = MaskedTrainingTest.prunedMask(3);
        Network a = MaskedTrainingTest.lenet(3), b = MaskedTrainingTest.lenet(3);
        Trainer.installMasks(a, mask);
        Trainer.installMasks(b, mask);
        var an = (org.deeplearning4j.nn.multilayer.MultiLayerNetwork) a.net();
        var bn = (org.deeplearning4j.nn.multilayer.MultiLayerNetwork) b.net();
        assertThat(FastMlp.unsupported(bn)).isNull();
        assertThat(a.net().params().data().asFloat()).isEqualTo(b.net().params().data().asFloat());
        FastMlp fast = new FastMlp(bn, b.masks(), CFG.batch());
        Tensors t = Tensors.of(MaskedTrainingTest.DATA.train());
        int perEpoch = t.size() / CFG.batch();
        for (int it = 0; it < 30; it++) {
            var rows = NDArrayIndex.interval((long) (it % perEpoch) * CFG.batch(), (long) (it % perEpoch + 1) * CFG.batch());
            INDArray x = t.features().get(rows, NDArrayIndex.all()), y = t.labels().get(rows, NDArrayIndex.all());
            an.fit(new DataSet(x, y));
            fast.step(x, y);
            assertThat(b.net().params().data().asFloat()).as("parameters after step %d (max |Δ| %s)", it,
                    maxAbsDiff(a.net().params(), b.net().params())).isEqualTo(a.net().params().data().asFloat());
        }
        assertThat(bn.getIterationCount()).isEqualTo(an.getIterationCount());
        MaskedTrainingTest.assertPrunedAreZero(b, mask, "fast step");
    }

    @Test
    @DisplayName("Trainer gives bit-identical metrics and parameters with the fast step and with DL4J's fit")
    void sameMetricsAsDl4j() {
        Mask mask = MaskedTrainingTest.prunedMask(4);
        Trainer.Result slow = Trainer.train(MaskedTrainingTest.lenet(4), mask, MaskedTrainingTest.DATA, 4, CFG, -1, false, EvalListener.NONE);
        Trainer.Result fast = Trainer.train(MaskedTrainingTest.lenet(4), mask, MaskedTrainingTest.DATA, 4, CFG, -1, true, EvalListener.NONE);
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
        Trainer.Result slow = Trainer.train(MaskedTrainingTest.lenet(5), mask, MaskedTrainingTest.DATA, 5, CFG, -1, false, EvalListener.NONE);
        Trainer.Result fast = Trainer.train(MaskedTrainingTest.lenet(5), mask, MaskedTrainingTest.DATA, 5, CFG, -1, true, EvalListener.NONE);
        assertThat(fast.finalParams().data().asFloat()).isEqualTo(slow.finalParams().data().asFloat());
        assertThat(fast.metrics().valLoss()).isEqualTo(slow.metrics().valLoss());
    }
}
