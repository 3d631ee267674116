package lth.model;

import lth.experiment.Setup;
import lth.prune.Rates;
import lth.train.TinyData;
import lth.train.TrainConfig;
import lth.train.Tensors;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class ScheduleTest {
    @Test
    @DisplayName("linear warmup from 0: lr 0 at step 0, half at the midpoint, full from the end of warmup")
    void warmup() {
        Schedule s = new Schedule(0.1, 10_000, new int[0], 0.1);
        assertThat(s.lrAt(0)).isZero();
        assertThat(s.lrAt(5_000)).isCloseTo(0.05, offset(1e-15));
        assertThat(s.lrAt(9_999)).isCloseTo(0.1 * 9_999 / 10_000, offset(1e-15)).isLessThan(0.1);
        assertThat(s.lrAt(10_000)).isEqualTo(0.1);
        assertThat(s.lrAt(112_479)).isEqualTo(0.1);
    }

    @Test
    @DisplayName("step decay x0.1 at each drop iteration, composed with warmup (ResNet-18: 0.03, warmup 20K, drops 20K/25K)")
    void drops() {
        Schedule s = new Schedule(0.03, 20_000, new int[]{20_000, 25_000}, 0.1);
        assertThat(s.lrAt(10_000)).isCloseTo(0.015, offset(1e-15));
        assertThat(s.lrAt(19_999)).isCloseTo(0.03 * 19_999 / 20_000, offset(1e-15));
        assertThat(s.lrAt(20_000)).isCloseTo(0.003, offset(1e-15));
        assertThat(s.lrAt(24_999)).isCloseTo(0.003, offset(1e-15));
        assertThat(s.lrAt(25_000)).isCloseTo(0.0003, offset(1e-15));
        assertThat(s.lrAt(29_999)).isCloseTo(0.0003, offset(1e-15));
        Schedule vgg = new Schedule(0.1, 0, new int[]{56_240, 84_360}, 0.1);     // epochs 80 and 120 at 703 it/epoch
        assertThat(vgg.lrAt(0)).isEqualTo(0.1);
        assertThat(vgg.lrAt(56_239)).isEqualTo(0.1);
        assertThat(vgg.lrAt(56_240)).isCloseTo(0.01, offset(1e-15));
        assertThat(vgg.lrAt(84_360)).isCloseTo(0.001, offset(1e-15));
        assertThat(vgg.dl4j().valueAt(84_360, 0)).isEqualTo(vgg.lrAt(84_360));
        assertThatThrownBy(() -> new Schedule(0.1, 0, new int[]{5, 5}, 0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("canonical strings: constant schedules and start 0 add nothing (old run keys unchanged)")
    void canonicalDefaults() {
        assertThat(Optimizer.adam(1.2e-3).canonical()).isEqualTo("adam(lr=0.0012)");
        assertThat(new Optimizer("sgd", 0.1, 0.9, 1e-4).canonical()).isEqualTo("sgd(lr=0.1,m=0.9,wd=1.0E-4)");
        assertThat(Optimizer.sgd(0.1).withSchedule(10_000, null, 0.1).canonical()).isEqualTo("sgd(lr=0.1,m=0.9,wd=1.0E-4,warmup=10000)");
        assertThat(Optimizer.sgd(0.03).withSchedule(20_000, new int[]{20_000, 25_000}, 0.1).canonical())
                .isEqualTo("sgd(lr=0.03,m=0.9,wd=1.0E-4,warmup=20000,drops=20000;25000x0.1)");
        assertThat(new TrainConfig(50_000, 60, 100).canonical()).isEqualTo("it=50000,b=60,eval=100");
        assertThat(new TrainConfig(50_000, 60, 100).startingAt(500).canonical()).isEqualTo("it=50000,b=60,eval=100,start=500");
        Setup lenet = new Setup("lenet", new ModelSpec("lenet-300-100", 1.0), "mnist", Optimizer.adam(1.2e-3),
                new TrainConfig(50_000, 60, 100), new Rates(0, 0.2, 0.1), lth.prune.Scope.LAYERWISE, 1);
        assertThat(lenet.canonical()).isEqualTo("model=lenet-300-100|data=mnist|opt=adam(lr=0.0012)|it=50000,b=60,eval=100|rates=conv=0.0,fc=0.2,out=0.1");
        assertThat(Optimizer.sgd(0.1).withSchedule(10, null, 0.1)).isEqualTo(Optimizer.sgd(0.1).withSchedule(10, new int[0], 0.1));
    }

    @Test
    @DisplayName("plain momentum: v = m·v + g, update = lr·v (not Nesterov)")
    void plainMomentum() {
        Momentum cfg = new Momentum(0.5, null, 0.9);
        INDArray state = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 2);
        var u = cfg.instantiate(state, true);
        INDArray g1 = Nd4j.createFromArray(1f, 2f), g2 = Nd4j.createFromArray(-1f, 4f);
        INDArray s1 = g1.dup(); u.applyUpdater(s1, 0, 0);
        INDArray s2 = g2.dup(); u.applyUpdater(s2, 1, 0);
        assertThat(s1.toFloatVector()).containsExactly(0.5f, 1f);
        assertThat(s2.toFloatVector()[0]).isCloseTo(0.5f * (0.9f * 1f - 1f), offset(1e-6f));
        assertThat(s2.toFloatVector()[1]).isCloseTo(0.5f * (0.9f * 2f + 4f), offset(1e-6f));
    }

    @Test
    @DisplayName("DL4J applies lrAt(iteration counter): warmup step 0 moves nothing; step 5 of warmup 10 at 0.1 ≡ constant 0.05")
    void dl4jReadsTheSchedule() {
        Optimizer warm = new Optimizer("sgd", 0.1, 0, 0).withSchedule(10, new int[]{20}, 0.1);
        Network a = Architectures.build(new ModelSpec("conv-2", 0.125), warm, 4, 1, 28, 28, 10);
        var upd = ((BaseLayer) ((MultiLayerNetwork) a.net()).getLayer(0).conf().getLayer()).getIUpdater();
        for (int it : new int[]{0, 3, 10, 19, 20, 25}) assertThat(upd.getLearningRate(it, 0)).isEqualTo(warm.schedule().lrAt(it));
        Tensors t = Tensors.of(TinyData.splits().train());
        var rows = NDArrayIndex.interval(0, 20);
        DataSet batch = new DataSet(t.features().get(rows, NDArrayIndex.all()), t.labels().get(rows, NDArrayIndex.all()));

        INDArray before = a.net().params().dup();
        a.fit(batch);
        assertThat(a.net().params().toFloatVector()).as("lr 0 at step 0").isEqualTo(before.toFloatVector());

        Network w = Architectures.build(new ModelSpec("conv-2", 0.125), warm, 4, 1, 28, 28, 10);
        Network c = Architectures.build(new ModelSpec("conv-2", 0.125), new Optimizer("sgd", 0.05, 0, 0), 4, 1, 28, 28, 10);
        w.setIterationCount(5);
        assertThat(w.iterationCount()).isEqualTo(5);
        w.fit(batch);
        c.fit(batch);
        assertThat(w.net().params().toFloatVector()).isEqualTo(c.net().params().toFloatVector());
        assertThat(w.net().params().toFloatVector()).isNotEqualTo(before.toFloatVector());
    }
}
