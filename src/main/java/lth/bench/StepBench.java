package lth.bench;

import lth.model.Architectures;
import lth.model.LayerKind;
import lth.model.MaskConstraint;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import lth.model.PrunableParam;
import lth.prune.MagnitudePruning;
import lth.prune.Mask;
import lth.prune.Rates;
import lth.train.Trainer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DL4J side of {@code scripts/bench-vs-pytorch}: times the harness's own masked training step.
 * Not a test. Usage: {@code StepBench lenet|conv2|vgg19}; then reads commands from stdin:
 * {@code run N} → one line {@code TIMES t1 ... tN} (milliseconds per step), {@code quit}.
 *
 * <ul>
 * <li>lenet: LeNet-300-100 from {@link Architectures} (784 inputs), Adam 1.2e-3, batch 60, trained
 *     through {@link Trainer#stepper} exactly as {@link Trainer#train} does (minibatch views of an
 *     epoch tensor, masks after every update).</li>
 * <li>conv2: Conv-2 on 32×32×3 (conv 64-64, max-pool, FC 256-256-10), Adam 2e-4, batch 60, DL4J
 *     layers with {@link MaskConstraint}, {@code MultiLayerNetwork.fit}.</li>
 * <li>vgg19: VGG-19 at quarter width (16-16-M-32-32-M-64×4-M-128×4-M-128×4, global average pool,
 *     FC 10; batch norm after each conv), SGD momentum 0.9 lr 0.1, batch 64, DL4J layers as above.</li>
 * </ul>
 * Every weight tensor is magnitude-pruned by 20% before timing (masks on, as the claims use them).
 * Inputs are random (the timing does not depend on the pixels); the data are the same shapes as the
 * PyTorch reference's.
 */
public final class StepBench {
    private StepBench() { }

    public static void main(String[] args) throws Exception {
        String model = args.length > 0 ? args[0] : "lenet";
        Runnable step = switch (model) {
            case "lenet" -> lenet();
            case "conv2" -> dl4j(conv2(), 60, 3 * 32 * 32);
            case "vgg19" -> dl4j(vgg19(), 64, 3 * 32 * 32);
            default -> throw new IllegalArgumentException("model " + model);
        };
        System.out.println("READY dl4j " + model + " threads=" + System.getenv("OMP_NUM_THREADS")
                + " engine=" + lth.model.Engine.id());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            line = line.trim();
            if (line.equals("quit")) break;
            if (!line.startsWith("run ")) continue;
            int n = Integer.parseInt(line.substring(4).trim());
            StringBuilder sb = new StringBuilder("TIMES");
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                step.run();
                sb.append(' ').append(String.format("%.4f", (System.nanoTime() - t0) / 1e6));
            }
            System.out.println(sb);
            System.out.flush();
        }
    }

    /** The harness's LeNet-300-100 step, as Trainer.train runs it. */
    static Runnable lenet() {
        int batch = 60, n = 6000;
        Network net = Architectures.build(new ModelSpec("lenet-300-100", 1.0), Optimizer.adam(1.2e-3), 1, 1, 28, 28, 10);
        Mask mask = prune20(net);
        Trainer.installMasks(net, mask);
        Trainer.Step step = Trainer.stepper(net, batch);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 784);
        INDArray y = oneHot(n, 10);
        int[] it = {0};
        return () -> {
            int b = it[0]++ % (n / batch);
            var rows = NDArrayIndex.interval((long) b * batch, (long) (b + 1) * batch);
            step.step(x.get(rows, NDArrayIndex.all()), y.get(rows, NDArrayIndex.all()));
        };
    }

    static Mask prune20(Network net) {
        Map<String, float[]> w = new HashMap<>();
        for (PrunableParam p : net.prunable()) w.put(p.key(), net.net().getParam(p.key()).dup('c').data().asFloat());
        return MagnitudePruning.layerwise(Mask.dense(net.prunable()), w, new Rates(0.2, 0.2, 0.2));
    }

    static INDArray oneHot(int n, int classes) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) y.putScalar(i, i % classes, 1f);
        return y;
    }

    /** A DL4J network with masked weights, trained by fit on random minibatches. */
    static Runnable dl4j(Network net, int batch, int inputs) {
        Trainer.installMasks(net, prune20(net));
        Trainer.Step step = Trainer.stepper(net, batch);
        int n = batch * 20;
        INDArray x = Nd4j.rand(DataType.FLOAT, n, inputs);
        INDArray y = oneHot(n, 10);
        int[] it = {0};
        return () -> {
            int b = it[0]++ % 20;
            var rows = NDArrayIndex.interval((long) b * batch, (long) (b + 1) * batch);
            step.step(x.get(rows, NDArrayIndex.all()), y.get(rows, NDArrayIndex.all()));
        };
    }

    static Network conv2() {
        var masks = new ConcurrentHashMap<String, INDArray>();
        var c = new MaskConstraint(masks);
        var b = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).updater(new Adam(2e-4))
                .weightInit(WeightInit.XAVIER).biasInit(0.0).convolutionMode(ConvolutionMode.Same).list();
        b.layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).constrainWeights(c).build());
        b.layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).constrainWeights(c).build());
        b.layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
        b.layer(new DenseLayer.Builder().nOut(256).activation(Activation.RELU).constrainWeights(c).build());
        b.layer(new DenseLayer.Builder().nOut(256).activation(Activation.RELU).constrainWeights(c).build());
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX)
                .constrainWeights(c).build());
        return network(b.setInputType(InputType.convolutionalFlat(32, 32, 3)).build(), masks);
    }

    static Network vgg19() {
        var masks = new ConcurrentHashMap<String, INDArray>();
        var c = new MaskConstraint(masks);
        var b = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).updater(new Nesterovs(0.1, 0.9))
                .weightInit(WeightInit.XAVIER).biasInit(0.0).convolutionMode(ConvolutionMode.Same).list();
        int[][] plan = {{16, 16}, {32, 32}, {64, 64, 64, 64}, {128, 128, 128, 128}, {128, 128, 128, 128}};
        for (int s = 0; s < plan.length; s++) {
            for (int ch : plan[s]) {
                b.layer(new ConvolutionLayer.Builder(3, 3).nOut(ch).activation(Activation.IDENTITY).constrainWeights(c).build());
                b.layer(new BatchNormalization.Builder().build());
                b.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
            }
            if (s < plan.length - 1) b.layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
        }
        b.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX)
                .constrainWeights(c).build());
        return network(b.setInputType(InputType.convolutionalFlat(32, 32, 3)).build(), masks);
    }

    static Network network(MultiLayerConfiguration conf, Map<String, INDArray> masks) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        List<PrunableParam> prunable = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            if (net.getLayer(i).numParams() == 0 || net.getLayer(i).conf().getLayer() instanceof BatchNormalization) continue;
            INDArray w = net.getLayer(i).getParam("W");
            LayerKind kind = w.rank() == 4 ? LayerKind.CONV : i == net.getnLayers() - 1 ? LayerKind.OUTPUT : LayerKind.FC;
            prunable.add(new PrunableParam(i + "_W", kind, w.shape()));
        }
        return new Network(net, List.copyOf(prunable), masks);
    }
}
