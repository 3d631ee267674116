package lth.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of architectures. Each network is initialized from {@code seed} alone, so θ0 of a
 * trial is reproducible and the random-reinit control is the same builder with another seed.
 */
public final class Architectures {
    private Architectures() { }

    public static final List<String> KNOWN = List.of("lenet-300-100");

    public static Network build(ModelSpec spec, Optimizer opt, long seed, int channels, int height,
                                int width, int classes) {
        return switch (spec.name()) {
            case "lenet-300-100" -> lenet(spec, opt, seed, channels * height * width, classes);
            default -> throw new IllegalArgumentException(
                    "unknown architecture '" + spec.name() + "'; known: " + KNOWN);
        };
    }

    static IUpdater updater(Optimizer opt) {
        return switch (opt.name()) {
            case "adam" -> new Adam(opt.lr());
            case "sgd" -> new Nesterovs(opt.lr(), opt.momentum());
            default -> throw new IllegalArgumentException("optimizer " + opt.name());
        };
    }

    /** LeNet-300-100: FC 784-300-100-10, ReLU, Glorot-normal init (DL4J XAVIER = N(0, 2/(in+out))). */
    private static Network lenet(ModelSpec spec, Optimizer opt, long seed, int inputs, int classes) {
        int h1 = (int) Math.round(300 * spec.width());
        int h2 = (int) Math.round(100 * spec.width());
        var masks = new ConcurrentHashMap<String, org.nd4j.linalg.api.ndarray.INDArray>();
        var constraint = new MaskConstraint(masks);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater(opt))
                .weightInit(WeightInit.XAVIER)
                .biasInit(0.0)
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
}
