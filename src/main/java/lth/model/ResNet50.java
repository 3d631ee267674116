package lth.model;

import lth.kernel.CachingConvolution;
import lth.kernel.FastBatchNorm;
import lth.kernel.FastRelu;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ResNet-50 for ImageNet (He et al. 2016, as torchvision and open_lth build it, which STAB §5 trains):
 * 7×7 conv 64, stride 2, padding 3 → BN → ReLU → 3×3 max pool, stride 2, padding 1; four stages of
 * [3, 4, 6, 3] bottleneck blocks of widths 64, 128, 256, 512 with 4× expansion (outputs 256 ... 2048);
 * global average pool; FC to the classes. A bottleneck is 1×1 conv → BN → ReLU → 3×3 conv (the
 * block's stride: 2 in the first block of stages 2–4, "ResNet v1.5") → BN → ReLU → 1×1 conv (4× width)
 * → BN, plus the shortcut, then ReLU; the shortcut is the identity or, where the shape changes (the
 * first block of every stage), a 1×1 conv with the block's stride → BN. Convs have no bias.
 *
 * <p>Padding is explicit (k/2, DL4J's Truncate mode), so every layer has torchvision's geometry:
 * 224 → 112 → 56 → 56, 28, 14, 7. Every width is scaled by {@link ModelSpec#width()} before the 4×
 * expansion. Init and batch norm follow the harness's other networks (Glorot-normal,
 * {@link FastBatchNorm}), not open_lth's Kaiming-normal and uniform BN gammas.
 *
 * <p>Every conv weight is prunable as {@link LayerKind#CONV}, the projection shortcuts included: the
 * reference implementation (open_lth) prunes all conv and linear weights of ResNet-50 under one global
 * threshold. That differs on purpose from the CIFAR ResNet-20 ({@link ResNets}), whose shortcuts the
 * LTH paper leaves unpruned ({@link LayerKind#SHORTCUT}). The FC layer is {@link LayerKind#OUTPUT}.
 */
final class ResNet50 {
    private ResNet50() { }

    static final int[] BLOCKS = {3, 4, 6, 3};
    static final int EXPANSION = 4;

    static Network build(ModelSpec spec, Optimizer opt, long seed, int c, int h, int w, int classes) {
        var masks = new ConcurrentHashMap<String, INDArray>();
        ComputationGraphConfiguration.GraphBuilder g = Architectures.base(opt, seed).convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder().addInputs("input").setInputTypes(InputType.convolutionalFlat(h, w, c));
        List<String[]> keys = new ArrayList<>();
        int in = Architectures.scaled(64, spec.width());
        String prev = conv(g, masks, keys, "stem", "input", in, 7, 2, true);
        g.addLayer("pool0", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2).padding(1, 1)
                .build(), prev);
        prev = "pool0";
        for (int stage = 1; stage <= BLOCKS.length; stage++) {
            int width = Architectures.scaled(64 << (stage - 1), spec.width());
            int out = EXPANSION * width;
            for (int block = 1; block <= BLOCKS[stage - 1]; block++) {
                String name = "s" + stage + "b" + block;
                int stride = stage > 1 && block == 1 ? 2 : 1;
                String a = conv(g, masks, keys, name + "c1", prev, width, 1, 1, true);
                String b = conv(g, masks, keys, name + "c2", a, width, 3, stride, true);
                String main = conv(g, masks, keys, name + "c3", b, out, 1, 1, false);
                String shortcut = stride != 1 || in != out ? conv(g, masks, keys, name + "sc", prev, out, 1, stride, false) : prev;
                g.addVertex(name + "add", new ElementWiseVertex(ElementWiseVertex.Op.Add), main, shortcut);
                g.addLayer(name + "relu", new ActivationLayer(new FastRelu()), name + "add");
                prev = name + "relu";
                in = out;
            }
        }
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), prev);
        g.addLayer("fc", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                .activation(Activation.SOFTMAX).constrainWeights(new MaskConstraint(masks, "fc")).build(), "pool");
        keys.add(new String[]{"fc_W", "OUTPUT"});
        ComputationGraph net = new ComputationGraph(g.setOutputs("fc").build());
        net.init();
        return Architectures.network(net, keys, masks);
    }

    /** Adds a k×k conv (padding k/2, vertex {@code name}) → BN ({@code name + "bn"}) [→ ReLU]; returns the last vertex. */
    private static String conv(ComputationGraphConfiguration.GraphBuilder g, Map<String, INDArray> masks, List<String[]> keys,
                               String name, String input, int out, int k, int stride, boolean relu) {
        g.addLayer(name, new CachingConvolution(new ConvolutionLayer.Builder(k, k).stride(stride, stride).padding(k / 2, k / 2)
                .nOut(out).hasBias(false).activation(Activation.IDENTITY).constrainWeights(new MaskConstraint(masks, name))), input);
        keys.add(new String[]{name + "_W", "CONV"});
        g.addLayer(name + "bn", new FastBatchNorm(), name);
        if (!relu) return name + "bn";
        g.addLayer(name + "relu", new ActivationLayer(new FastRelu()), name + "bn");
        return name + "relu";
    }
}
