package lth.model;

import lth.prune.LayerMask;
import lth.prune.MagnitudePruning;
import lth.prune.Mask;
import lth.prune.Rates;
import lth.train.MaskedTrainingTest;
import lth.train.Trainer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static lth.model.ArchitecturesTest.sum;
import static org.assertj.core.api.Assertions.assertThat;

/** ResNet-50 for ImageNet ({@link ResNet50}): its size, its geometry, and masked training. */
class ResNet50Test {
    static final Optimizer SGD = Optimizer.sgd(0.4).withSchedule(10, new int[]{30}, 0.1);

    static Network build(double width, int hw, int classes) {
        return Architectures.build(new ModelSpec("resnet-50", width), SGD, 1, 3, hw, hw, classes);
    }

    @Test
    @DisplayName("width 1, 224×224×3, 1000 classes: 25,502,912 prunable weights (conv 23,454,912 incl. 2,768,896 in the 4 "
            + "projection shortcuts, fc 2,048,000); with BN γ/β (53,120) and the fc bias (1,000) torchvision's 25,557,032")
    void parameterCountAtWidthOne() {
        Network n = build(1.0, 224, 1000);
        assertThat(n.totalWeights()).isEqualTo(25_502_912L);
        assertThat(sum(n, LayerKind.CONV)).isEqualTo(23_454_912L);
        assertThat(sum(n, LayerKind.OUTPUT)).isEqualTo(2_048_000L);
        assertThat(sum(n, LayerKind.FC) + sum(n, LayerKind.SHORTCUT)).isZero();
        long shortcuts = n.prunable().stream().filter(p -> p.key().endsWith("sc_W")).mapToLong(PrunableParam::size).sum();
        assertThat(shortcuts).isEqualTo(2_768_896L);
        // DL4J keeps BN's running mean and variance as parameters too: not trained, not in torchvision's count
        long trainable = 0, running = 0;
        for (var e : n.net().paramTable().entrySet()) {
            if (e.getKey().endsWith("_mean") || e.getKey().endsWith("_var") || e.getKey().endsWith("_log10stdev"))
                running += e.getValue().length();
            else trainable += e.getValue().length();
        }
        assertThat(trainable).as("weights + BN gamma/beta + fc bias").isEqualTo(25_557_032L);
        assertThat(running).as("BN running statistics: 2 x 26,560 channels").isEqualTo(53_120L);

        // torchvision's geometry: 224 -> 112 (stem) -> 56 (max pool) -> 56, 28, 14, 7 (stages) -> 1000
        ComputationGraph g = (ComputationGraph) n.net();
        Map<String, InputType> types = g.getConfiguration().getLayerActivationTypes(InputType.convolutionalFlat(224, 224, 3));
        assertThat(types.get("stemrelu").toString()).contains("h=112,w=112,c=64");
        assertThat(types.get("pool0").toString()).contains("h=56,w=56,c=64");
        assertThat(types.get("s1b3relu").toString()).contains("h=56,w=56,c=256");
        assertThat(types.get("s2b1c2").toString()).contains("h=28,w=28,c=128");
        assertThat(types.get("s2b4relu").toString()).contains("h=28,w=28,c=512");
        assertThat(types.get("s3b6relu").toString()).contains("h=14,w=14,c=1024");
        assertThat(types.get("s4b3relu").toString()).contains("h=7,w=7,c=2048");
    }

    @Test
    @DisplayName("structure: stem + 16 bottlenecks × 3 convs + 4 projection shortcuts, all CONV; one OUTPUT; widths scaled before the 4× expansion")
    void structure() {
        Network n = build(0.125, 64, 1000);
        List<PrunableParam> p = n.prunable();
        assertThat(p).hasSize(1 + 16 * 3 + 4 + 1);
        assertThat(p.stream().filter(q -> q.kind() == LayerKind.CONV)).hasSize(53);
        assertThat(p.get(p.size() - 1).key()).isEqualTo("fc_W");
        assertThat(p.get(p.size() - 1).kind()).isEqualTo(LayerKind.OUTPUT);
        assertThat(p.stream().filter(q -> q.key().endsWith("sc_W")).map(PrunableParam::key))
                .containsExactly("s1b1sc_W", "s2b1sc_W", "s3b1sc_W", "s4b1sc_W");
        assertThat(n.net().getParam("stem_W").shape()).containsExactly(8, 3, 7, 7);
        assertThat(n.net().getParam("s1b1sc_W").shape()).containsExactly(32, 8, 1, 1);
        assertThat(n.net().getParam("s3b2c2_W").shape()).containsExactly(32, 32, 3, 3);
        assertThat(n.net().getParam("s4b1sc_W").shape()).containsExactly(256, 128, 1, 1);
        assertThat(n.net().getParam("fc_W").shape()).containsExactly(256, 1000);
        assertThat(n.net().paramTable().keySet().stream().filter(k -> k.endsWith("_b"))).containsExactly("fc_b");
        assertThat(new ModelSpec("resnet-50", 1).batchNormKey()).isEqualTo(new ModelSpec("resnet-20", 1).batchNormKey());
    }

    @Test
    @DisplayName("width 1/8 on 64×64×3: a batch maps to class probabilities; the last stage is 2×2")
    void forwardShapeAtSmallInput() {
        Network n = build(0.125, 64, 1000);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3 * 64 * 64);
        INDArray y = n.output(x);
        assertThat(y.shape()).containsExactly(2, 1000);
        for (double s : y.sum(1).toDoubleVector()) assertThat(s).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        Map<String, INDArray> acts = ((ComputationGraph) n.net()).feedForward(x, false);
        assertThat(acts.get("s4b3relu").shape()).containsExactly(2, 256, 2, 2);
        assertThat(acts.get("pool0").shape()).containsExactly(2, 8, 16, 16);
    }

    @Test
    @DisplayName("a training step with a global mask (shortcuts pruned too) keeps every pruned weight exactly 0; kept ones train")
    void maskedStepKeepsPrunedWeightsZero() {
        Network n = build(0.125, 64, 10);
        Map<String, float[]> w0 = new HashMap<>();
        n.prunable().forEach(p -> w0.put(p.key(), n.net().getParam(p.key()).dup('c').data().asFloat()));
        Mask mask = MagnitudePruning.global(Mask.dense(n.prunable()), w0, new Rates(0.2, 0.2, 0), 0.5);
        assertThat(mask.layer("s2b1sc_W").kept()).isLessThan(mask.layer("s2b1sc_W").param().size());
        assertThat(mask.layer("fc_W").kept()).isEqualTo(mask.layer("fc_W").param().size());
        Trainer.installMasks(n, mask);
        MaskedTrainingTest.assertPrunedAreZero(n, mask, "after installing the mask");
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3 * 64 * 64);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 10);
        for (int i = 0; i < 4; i++) y.putScalar(i, i, 1f);
        for (int step = 0; step < 2; step++) n.fit(new DataSet(x, y));
        MaskedTrainingTest.assertPrunedAreZero(n, mask, "after two SGD steps (momentum 0.9, L2 1e-4)");
        long moved = 0;
        for (LayerMask l : mask.layers()) {
            float[] w = n.net().getParam(l.param().key()).dup('c').data().asFloat();
            float[] before = w0.get(l.param().key());
            for (int i = 0; i < w.length; i++) if (l.keep()[i] != 0f && w[i] != before[i]) moved++;
        }
        assertThat(moved).as("surviving weights do train").isGreaterThan(mask.kept() / 2);
    }
}
