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
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The residual networks of {@link Architectures} (a DL4J computation graph; the shared configuration is {@link Architectures#base}). */
final class ResNets {
    private ResNets() { }

    /**
     * The CIFAR ResNet of depth 6n+2 (n = 3: ResNet-20, the LTH paper's "ResNet-18"): 3×3 conv 16 →
     * BN → ReLU; 3 stages of n basic blocks (widths 16, 32, 64; the first block of stages 2 and 3
     * downsamples with stride 2); block = conv-BN-ReLU-conv-BN + shortcut, then ReLU; the shortcut is
     * identity or, where the shape changes, a 1×1 conv (stride 2) + BN, listed as SHORTCUT (counted in
     * Pm, never pruned); global average pool; FC to the classes. Convs have no bias (BN follows).
     */
    static Network build(ModelSpec spec, Optimizer opt, long seed, int c, int h, int w, int classes, int n) {
        var masks = new ConcurrentHashMap<String, INDArray>();
        ComputationGraphConfiguration.GraphBuilder g = Architectures.base(opt, seed).convolutionMode(ConvolutionMode.Same)
                .graphBuilder().addInputs("input").setInputTypes(InputType.convolutionalFlat(h, w, c));
        List<String[]> keys = new ArrayList<>();
        int width = Architectures.scaled(16, spec.width());
        String prev = convBnRelu(spec, g, masks, keys, "stem", "input", width, 3, 1, true, "CONV");
        int in = width;
        for (int stage = 1; stage <= 3; stage++) {
            width = Architectures.scaled(16 << (stage - 1), spec.width());
            for (int block = 1; block <= n; block++) {
                String name = "s" + stage + "b" + block;
                int stride = stage > 1 && block == 1 ? 2 : 1;
                String a = convBnRelu(spec, g, masks, keys, name + "c1", prev, width, 3, stride, true, "CONV");
                String bn = convBnRelu(spec, g, masks, keys, name + "c2", a, width, 3, 1, false, "CONV");
                String shortcut = stride != 1 || in != width
                        ? convBnRelu(spec, g, masks, keys, name + "sc", prev, width, 1, stride, false, "SHORTCUT")
                        : prev;
                g.addVertex(name + "add", new ElementWiseVertex(ElementWiseVertex.Op.Add), bn, shortcut);
                g.addLayer(name + "relu", new ActivationLayer(new FastRelu()), name + "add");
                prev = name + "relu";
                in = width;
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

    /** Adds conv (vertex {@code name}) → BN ({@code name + "bn"}) [→ ReLU]; returns the last vertex. */
    private static String convBnRelu(ModelSpec spec, ComputationGraphConfiguration.GraphBuilder g, Map<String, INDArray> masks,
                                     List<String[]> keys, String name, String input, int out, int k, int stride,
                                     boolean relu, String kind) {
        g.addLayer(name, ConvKernels.convolution(spec, new ConvolutionLayer.Builder(k, k).stride(stride, stride).nOut(out).hasBias(false)
                .activation(Activation.IDENTITY).constrainWeights(new MaskConstraint(masks, name))), input);
        keys.add(new String[]{name + "_W", kind});
        g.addLayer(name + "bn", new FastBatchNorm(), name);
        if (!relu) return name + "bn";
        g.addLayer(name + "relu", new ActivationLayer(new FastRelu()), name + "bn");
        return name + "relu";
    }
}
