package lth.kernel;

import lth.train.MaskedTrainingTest;
import lth.train.Tensors;
import lth.train.TrainConfig;
import lth.train.Trainer;
import lth.model.Network;
import lth.prune.Mask;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FastMlp}'s step against DL4J's fit, step by step; the trainer's fast path end to end is in {@code lth.train.FastStepTest}. */
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
        assertThat(MlpCheck.unsupported(bn)).isNull();
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
}
