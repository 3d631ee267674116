package lth.model;

import lth.kernel.CachingDense;
import lth.kernel.CachingConvolution;
import lth.kernel.ChunkedAdam;
import lth.kernel.ChunkedL2;
import lth.kernel.FastBatchNorm;
import lth.kernel.FastMaxPooling;
import lth.kernel.FastRelu;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of architectures. Each network is initialized from {@code seed} alone, so θ0 of a
 * trial is reproducible and the random-reinit control is the same builder with another seed.
 *
 * <p>Inputs are flat rows of C·H·W values in CHW order (as {@link lth.data.Dataset} stores them);
 * conv nets read them through {@code InputType.convolutionalFlat}. Every conv/FC width is scaled by
 * {@link ModelSpec#width()} (rounded, at least 1); the output layer always has {@code classes} units.
 * All weights use Glorot-normal init (DL4J XAVIER: N(0, 2/(fanIn+fanOut)), fan = channels·k·k for
 * convolutions), biases 0. Convolutions are 3×3, stride 1 unless downsampling, "same" padding.
 */
public final class Architectures {
    private Architectures() { }

    public static final List<String> KNOWN = List.of("lenet-300-100", "conv-2", "conv-4", "conv-6",
            "conv-2-dropout", "conv-4-dropout", "conv-6-dropout", "vgg-11", "vgg-16", "vgg-19", "resnet-20", "resnet-50");

    /**
     * Architectures a claim file may name but this harness does not build yet: their claims load
     * and are skipped with a reason ("... is not built by this harness yet ...") instead of being
     * dropped. Empty since ResNet-50 got its builder ({@link ResNet50}).
     */
    public static final java.util.Map<String, String> PLANNED = java.util.Map.of();

    /** Whether the architecture has batch-norm layers ({@link FastBatchNorm}: their arithmetic is part of run keys). */
    public static boolean hasBatchNorm(ModelSpec spec) {
        return spec.name().startsWith("vgg-") || spec.name().startsWith("resnet-");
    }

    public static Network build(ModelSpec spec, Optimizer opt, long seed, int channels, int height,
                                int width, int classes) {
        return switch (spec.name()) {
            case "lenet-300-100" -> lenet(spec, opt, seed, channels * height * width, classes);
            case "conv-2", "conv-4", "conv-6" -> conv(spec, opt, seed, channels, height, width, classes,
                    spec.name().charAt(5) - '0', false);
            case "conv-2-dropout", "conv-4-dropout", "conv-6-dropout" -> conv(spec, opt, seed, channels, height,
                    width, classes, spec.name().charAt(5) - '0', true);
            case "vgg-11" -> vgg(spec, opt, seed, channels, height, width, classes, VGG11);
            case "vgg-16" -> vgg(spec, opt, seed, channels, height, width, classes, VGG16);
            case "vgg-19" -> vgg(spec, opt, seed, channels, height, width, classes, VGG19);
            case "resnet-20" -> ResNets.build(spec, opt, seed, channels, height, width, classes, 3);
            case "resnet-50" -> ResNet50.build(spec, opt, seed, channels, height, width, classes);
            default -> throw new IllegalArgumentException(
                    "unknown architecture '" + spec.name() + "'; known: " + KNOWN);
        };
    }

    /**
     * Adam, or SGD with plain momentum ({@link Momentum}); the schedule is attached only when it is
     * not constant, so that constant-rate networks are configured exactly as before schedules existed.
     */
    static IUpdater updater(Optimizer opt) {
        Schedule s = opt.schedule();
        return switch (opt.name()) {
            case "adam" -> s.isConstant() ? new ChunkedAdam(opt.lr()) : new ChunkedAdam(s.dl4j());
            case "sgd" -> new Momentum(opt.lr(), s.isConstant() ? null : s.dl4j(), opt.momentum());
            default -> throw new IllegalArgumentException("optimizer " + opt.name());
        };
    }

    /**
     * The shared configuration: seed, float32, updater, Glorot init, zero biases and, when the
     * optimizer has weight decay, L2 on weights. DL4J's {@code l2} adds wd·W to the gradient before
     * the updater (coupled, like the paper's); {@code weightDecay} would be decoupled (after the
     * updater). Biases ({@code l2Bias}, default 0) and batch-norm gamma/beta are not regularized.
     * The L2 term is {@link ChunkedL2} (DL4J's {@code L2Regularization} as a Java loop, bit-identical),
     * set as {@code l2(wd)} would set it on a fresh builder.
     */
    static NeuralNetConfiguration.Builder base(Optimizer opt, long seed) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater(opt))
                .weightInit(WeightInit.XAVIER)
                .biasInit(0.0);
        if (opt.weightDecay() > 0) b.regularization(new ArrayList<>(List.of(new ChunkedL2(opt.weightDecay()))));
        return b;
    }

    static int scaled(int units, double width) { return Math.max(1, (int) Math.round(units * width)); }

    /** LeNet-300-100: FC 784-300-100-10, ReLU, Glorot-normal init (DL4J XAVIER = N(0, 2/(in+out))). */
    private static Network lenet(ModelSpec spec, Optimizer opt, long seed, int inputs, int classes) {
        int h1 = (int) Math.round(300 * spec.width());
        int h2 = (int) Math.round(100 * spec.width());
        var masks = new ConcurrentHashMap<String, INDArray>();
        var constraint = new MaskConstraint(masks);
        MultiLayerConfiguration conf = base(opt, seed)
                .list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(h1).activation(Activation.RELU)
                        .constrainWeights(constraint).build())
                .layer(new DenseLayer.Builder().nIn(h1).nOut(h2).activation(Activation.RELU)
                        .constrainWeights(constraint).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(h2).nOut(classes)
                        .activation(Activation.SOFTMAX).constrainWeights(constraint).build())
                .setInputType(InputType.feedForward(inputs))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        List<PrunableParam> prunable = new ArrayList<>();
        prunable.add(new PrunableParam("0_W", LayerKind.FC, new long[]{inputs, h1}));
        prunable.add(new PrunableParam("1_W", LayerKind.FC, new long[]{h1, h2}));
        prunable.add(new PrunableParam("2_W", LayerKind.OUTPUT, new long[]{h2, classes}));
        return new Network(net, List.copyOf(prunable), masks);
    }

    /**
     * Conv-2/4/6 of the paper: pairs of 3×3 convs (64,64 / 128,128 / 256,256), each pair followed by
     * 2×2 max-pool, then FC 256-256-classes; ReLU. With {@code dropout}, dropout 0.5 on the
     * activations of both hidden FC layers (DL4J's {@code dropOut(p)} is the RETAIN probability and
     * acts on a layer's input, so it is set on the second FC layer and the output layer).
     */
    private static Network conv(ModelSpec spec, Optimizer opt, long seed, int c, int h, int w, int classes,
                                int convLayers, boolean dropout) {
        var masks = new ConcurrentHashMap<String, INDArray>();
        var b = base(opt, seed).convolutionMode(ConvolutionMode.Same).list();
        List<String[]> keys = new ArrayList<>();        // {key, kind}
        int idx = 0;
        int[] widths = {64, 128, 256};
        for (int pair = 0; pair < convLayers / 2; pair++) {
            for (int k = 0; k < 2; k++) {
                b.layer(idx, ConvKernels.convolution(spec, new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(scaled(widths[pair], spec.width()))
                        .activation(new FastRelu()).constrainWeights(new MaskConstraint(masks))));
                keys.add(new String[]{idx++ + "_W", "CONV"});
            }
            b.layer(idx++, new FastMaxPooling(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)));
        }
        for (int k = 0; k < 2; k++) {
            DenseLayer.Builder fc = new DenseLayer.Builder().nOut(scaled(256, spec.width()))
                    .activation(new FastRelu()).constrainWeights(new MaskConstraint(masks));
            if (dropout && k == 1) fc.dropOut(0.5);
            b.layer(idx, new CachingDense(fc));
            keys.add(new String[]{idx++ + "_W", "FC"});
        }
        OutputLayer.Builder out = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                .activation(Activation.SOFTMAX).constrainWeights(new MaskConstraint(masks));
        if (dropout) out.dropOut(0.5);
        b.layer(idx, out.build());
        keys.add(new String[]{idx + "_W", "OUTPUT"});
        MultiLayerNetwork net = new MultiLayerNetwork(b.setInputType(InputType.convolutionalFlat(h, w, c)).build());
        net.init();
        return network(net, keys, masks);
    }

    /** VGG configurations for CIFAR (numbers: 3×3 conv widths; 0: 2×2 max-pool). No pool after the last block. */
    static final int[] VGG11 = {64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512};
    static final int[] VGG16 = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512};
    static final int[] VGG19 = {64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512};

    /**
     * VGG for CIFAR: each conv (no bias: batch norm follows) → batch norm → ReLU; max-pools; global
     * average pool; FC to the classes (the only FC layer: OUTPUT).
     */
    private static Network vgg(ModelSpec spec, Optimizer opt, long seed, int c, int h, int w, int classes, int[] plan) {
        var masks = new ConcurrentHashMap<String, INDArray>();
        var b = base(opt, seed).convolutionMode(ConvolutionMode.Same).list();
        List<String[]> keys = new ArrayList<>();
        int idx = 0;
        for (int units : plan) {
            if (units == 0) {
                b.layer(idx++, new FastMaxPooling(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)));
                continue;
            }
            b.layer(idx, ConvKernels.convolution(spec, new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(scaled(units, spec.width()))
                    .hasBias(false).activation(Activation.IDENTITY).constrainWeights(new MaskConstraint(masks))));
            keys.add(new String[]{idx++ + "_W", "CONV"});
            b.layer(idx++, new FastBatchNorm());
            b.layer(idx++, new ActivationLayer(new FastRelu()));
        }
        b.layer(idx++, new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        b.layer(idx, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                .activation(Activation.SOFTMAX).constrainWeights(new MaskConstraint(masks)).build());
        keys.add(new String[]{idx + "_W", "OUTPUT"});
        MultiLayerNetwork net = new MultiLayerNetwork(b.setInputType(InputType.convolutionalFlat(h, w, c)).build());
        net.init();
        return network(net, keys, masks);
    }

    /** The network with its prunable tensors, shapes read from the initialized parameters. */
    static Network network(Model net, List<String[]> keys, Map<String, INDArray> masks) {
        List<PrunableParam> prunable = new ArrayList<>();
        for (String[] k : keys)
            prunable.add(new PrunableParam(k[0], LayerKind.valueOf(k[1]), net.getParam(k[0]).shape()));
        if (!"keep".equals(System.getProperty("lth.kernel.firstInputGradient"))) {     // keep: compute it anyway (tests)
            if (net instanceof org.deeplearning4j.nn.multilayer.MultiLayerNetwork m) CachingConvolution.dropInputGradient(m.getLayer(0));
            if (net instanceof org.deeplearning4j.nn.graph.ComputationGraph g) {
                var inputs = g.getConfiguration().getNetworkInputs();
                g.getConfiguration().getVertexInputs().forEach((name, in) -> {
                    if (inputs.containsAll(in) && g.getLayer(name) != null) CachingConvolution.dropInputGradient(g.getLayer(name));
                });
            }
        }
        if (net instanceof org.deeplearning4j.nn.multilayer.MultiLayerNetwork m) lth.kernel.BlockedLayout.chain(m);
        return new Network(net, List.copyOf(prunable), masks);
    }
}
