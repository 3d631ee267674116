package lth.model;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ArchitecturesTest {
    static final Optimizer ADAM = Optimizer.adam(2e-4);
    static final Optimizer SGD = Optimizer.sgd(0.1);

    static Network build(String name, double width, int c, int hw) {
        return Architectures.build(new ModelSpec(name, width), name.startsWith("conv") || name.startsWith("lenet") ? ADAM : SGD,
                1, c, hw, hw, 10);
    }

    @ParameterizedTest(name = "{0} builds on 28x28x1 and 32x32x3 and maps a batch to 10 class probabilities")
    @ValueSource(strings = {"conv-2", "conv-4", "conv-6", "conv-2-dropout", "conv-4-dropout", "conv-6-dropout",
            "vgg-11", "vgg-16", "vgg-19", "resnet-20"})
    void buildsAndForwards(String name) {
        for (int[] in : new int[][]{{1, 28}, {3, 32}}) {
            Network n = build(name, 0.0625, in[0], in[1]);
            INDArray x = Nd4j.rand(DataType.FLOAT, 4, in[0] * in[1] * in[1]);
            INDArray y = n.output(x);
            assertThat(y.shape()).containsExactly(4, 10);
            for (double s : y.sum(1).toDoubleVector()) assertThat(s).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            // every weight tensor is listed, and nothing else (biases, batch norm never)
            TreeSet<String> weights = n.net().paramTable().keySet().stream().filter(k -> k.endsWith("_W")).collect(Collectors.toCollection(TreeSet::new));
            TreeSet<String> listed = n.prunable().stream().map(PrunableParam::key).collect(Collectors.toCollection(TreeSet::new));
            assertThat((Object) listed).isEqualTo(weights);
            for (PrunableParam p : n.prunable()) assertThat(n.net().getParam(p.key()).shape()).isEqualTo(p.shape());
            assertThat(n.prunable().get(n.prunable().size() - 1).kind()).isEqualTo(LayerKind.OUTPUT);
            assertThat(n.prunable().stream().filter(p -> p.kind() == LayerKind.OUTPUT)).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0} at width 1 on 32x32x3 has {1} weights ({2} conv, {3} fc, {4} shortcut)")
    @CsvSource({
            "conv-2,    4300992,  38592,  4259840, 0",      // paper 4.3M
            "conv-4,    2425024,  259776, 2162688, 0",      // paper 2.4M
            "conv-6,    2261184,  1144512, 1114112, 0",     // paper 1.7M stated; 2.26M derived
            "vgg-11,    9222848,  9217728, 0,      0",
            "vgg-16,    14715584, 14710464, 0,     0",
            "vgg-19,    20024000, 20018880, 0,     0",      // paper 20.0M
            "resnet-20, 270896,   267696,  0,      2560",   // 272K derived incl. BN and biases (1,578)
    })
    void weightCounts(String name, long total, long conv, long fc, long shortcut) {
        Network n = build(name, 1.0, 3, 32);
        assertThat(n.totalWeights()).isEqualTo(total);
        assertThat(sum(n, LayerKind.CONV)).isEqualTo(conv);
        assertThat(sum(n, LayerKind.FC)).isEqualTo(fc);
        assertThat(sum(n, LayerKind.SHORTCUT)).isEqualTo(shortcut);
        assertThat(sum(n, LayerKind.OUTPUT)).isEqualTo(total - conv - fc - shortcut);
    }

    static long sum(Network n, LayerKind k) {
        return n.prunable().stream().filter(p -> p.kind() == k).mapToLong(PrunableParam::size).sum();
    }

    @Test
    @DisplayName("ResNet-20: 19 convs + 2 shortcut convs + FC, widths 16/32/64 scaled by the multiplier")
    void resnetStructure() {
        Network n = build("resnet-20", 0.5, 3, 32);
        assertThat(n.net()).isInstanceOf(ComputationGraph.class);
        List<PrunableParam> p = n.prunable();
        assertThat(p.stream().filter(q -> q.kind() == LayerKind.CONV)).hasSize(19);
        assertThat(p.stream().filter(q -> q.kind() == LayerKind.SHORTCUT).map(PrunableParam::key)).containsExactly("s2b1sc_W", "s3b1sc_W");
        assertThat(n.net().getParam("s2b1sc_W").shape()).containsExactly(16, 8, 1, 1);
        assertThat(n.net().getParam("s3b3c2_W").shape()).containsExactly(32, 32, 3, 3);
        assertThat(n.net().getParam("fc_W").shape()).containsExactly(32, 10);
    }

    @Test
    @DisplayName("dropout models: retain probability 0.5 on the inputs of the second FC and output layers only")
    void dropoutPlacement() {
        MultiLayerNetwork n = (MultiLayerNetwork) build("conv-2-dropout", 0.0625, 1, 28).net();
        int layers = n.getnLayers();
        for (int i = 0; i < layers; i++) {
            var conf = n.getLayer(i).conf().getLayer();
            boolean expect = i >= layers - 2;
            if (expect) assertThat(conf.getIDropout()).as("layer %d", i).isEqualTo(new org.deeplearning4j.nn.conf.dropout.Dropout(0.5));
            else assertThat(conf.getIDropout()).as("layer %d", i).isNull();
        }
        MultiLayerNetwork plain = (MultiLayerNetwork) build("conv-2", 0.0625, 1, 28).net();
        for (int i = 0; i < plain.getnLayers(); i++) assertThat(plain.getLayer(i).conf().getLayer().getIDropout()).isNull();
    }

    @Test
    @DisplayName("SGD: plain momentum 0.9; L2 1e-4 on conv/FC weights only (not biases, not batch norm)")
    void sgdRegularization() {
        Network n = build("vgg-11", 0.0625, 3, 32);
        MultiLayerNetwork net = (MultiLayerNetwork) n.net();
        for (int i = 0; i < net.getnLayers(); i++) {
            var conf = net.getLayer(i).conf().getLayer();
            for (String param : net.getLayer(i).paramTable().keySet()) {
                List<Regularization> r = conf.getRegularizationByParam(param);
                boolean weight = param.equals("W");
                if (weight) assertThat(r).as("%d_%s", i, param).containsExactly(new L2Regularization(1e-4));
                else assertThat(r == null || r.isEmpty()).as("%d_%s regularized: %s", i, param, r).isTrue();
            }
            if (conf instanceof BaseLayer bl && bl.getIUpdater() instanceof Momentum m)
                assertThat(m.getMomentum()).isEqualTo(0.9);
        }
        assertThat(((BaseLayer) net.getLayer(0).conf().getLayer()).getIUpdater()).isInstanceOf(Momentum.class);
        Network lenet = Architectures.build(new ModelSpec("lenet-300-100", 1), ADAM, 1, 1, 28, 28, 10);
        var lc = lenet.net() instanceof MultiLayerNetwork m ? m.getLayer(0).conf().getLayer() : null;
        assertThat(lc.getRegularizationByParam("W")).as("Adam without weight decay: no regularization").isNullOrEmpty();
    }

    @Test
    @DisplayName("LeNet is built exactly as before: same parameters for a seed, Adam without schedule")
    void lenetUnchanged() {
        Network a = Architectures.build(new ModelSpec("lenet-300-100", 1), Optimizer.adam(1.2e-3), 7, 1, 28, 28, 10);
        assertThat(((BaseLayer) ((MultiLayerNetwork) a.net()).getLayer(0).conf().getLayer()).getIUpdater())
                .isEqualTo(new org.nd4j.linalg.learning.config.Adam(1.2e-3));
        assertThat(a.net().numParams()).isEqualTo(266610);
        assertThat(a.evalBatch()).isZero();
        Map<String, INDArray> t = a.net().paramTable();
        assertThat(t.keySet()).containsExactly("0_W", "0_b", "1_W", "1_b", "2_W", "2_b");
    }
}
