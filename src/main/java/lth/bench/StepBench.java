package lth.bench;

import lth.claim.ClaimFiles;
import lth.claim.ClaimSpec;
import lth.claim.Setups;
import lth.experiment.Setup;
import lth.model.Architectures;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import lth.model.PrunableParam;
import lth.prune.MagnitudePruning;
import lth.prune.Mask;
import lth.prune.Rates;
import lth.train.Trainer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.HashMap;
import java.util.Map;

/**
 * The DL4J side of {@code scripts/bench-vs-pytorch}: times the harness's own masked training step.
 * Not a test. Usage: {@code StepBench lenet|conv2|vgg19|vgg19t|resnet20t|conv6t|conv2t|conv4t|conv2dt}; then reads commands from stdin:
 * {@code run N} → one line {@code TIMES t1 ... tN} (wall milliseconds per step), then {@code CPUTIMES c1 ... cN} (the
 * process's CPU milliseconds per step: every thread, GC and JIT included), {@code quit}.
 *
 * <ul>
 * <li>lenet: LeNet-300-100 from {@link Architectures} (784 inputs), Adam 1.2e-3, batch 60, trained
 *     through {@link Trainer#stepper} exactly as {@link Trainer#train} does (minibatch views of an
 *     epoch tensor, masks after every update).</li>
 * <li>conv2: the harness's Conv-2 ({@link Architectures}) on 32×32×3 (conv 64-64, max-pool,
 *     FC 256-256-10), Adam 2e-4, batch 60, trained by {@link Trainer#stepper} (DL4J's fit, masks as
 *     constraints).</li>
 * <li>vgg19: the harness's VGG-19 at quarter width (16-16-M-32-32-M-64×4-M-128×4-M-128×4, global
 *     average pool, FC 10; batch norm after each bias-free conv), SGD with plain momentum 0.9, weight
 *     decay 1e-4, lr 0.1, batch 64.</li>
 * <li>vgg19t, resnet20t, conv6t: the networks the reduced tier trains, read from the reduced profile of
 *     LTH-10 (VGG-19 at 1/8 width, SGD momentum, batch 64), LTH-14 (ResNet-20 at 1/4 width, 4/8/16
 *     channels, SGD momentum, batch 128) and LTH-8 (Conv-6 at 1/4 width, Adam 3e-4, batch 60), on
 *     Fashion-MNIST's 28×28×1 inputs ({@code -Dlth.bench.summary} prints the layers to stderr).
 *     Profiling only (not in the PyTorch comparison): conv2t, conv4t, conv2dt from LTH-6, LTH-7 and
 *     LTH-9 (Conv-2, Conv-4 and the dropout Conv-2 at 1/4 width, Adam, batch 60).</li>
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
            case "vgg19t", "resnet20t", "conv6t", "conv2t", "conv4t", "conv2dt" -> reduced(model);
            default -> throw new IllegalArgumentException("model " + model);
        };
        System.out.println("READY dl4j " + model + " threads=" + System.getenv("OMP_NUM_THREADS")
                + " engine=" + lth.model.Engine.id());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            line = line.trim();
            if (line.equals("quit")) break;
            if (line.startsWith("profile ")) {             // scripts/profile-step: async-profiler, if on the classpath
                System.out.println("PROFILE " + profile(line.substring(8).trim()));
                System.out.flush();
                continue;
            }
            if (!line.startsWith("run ")) continue;
            int n = Integer.parseInt(line.substring(4).trim());
            StringBuilder sb = new StringBuilder("TIMES"), cpu = new StringBuilder("CPUTIMES");
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            for (int i = 0; i < n; i++) {
                long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
                step.run();
                sb.append(' ').append(String.format("%.4f", (System.nanoTime() - t0) / 1e6));
                cpu.append(' ').append(String.format("%.4f", (os.getProcessCpuTime() - c0) / 1e6));
            }
            System.out.println(sb);
            System.out.println(cpu);
            System.out.flush();
        }
    }

    /**
     * Runs an async-profiler command ({@code start,event=cpu}, {@code stop,collapsed,file=...}) through its
     * Java API, found by reflection so that the harness does not depend on it: only scripts/profile-step puts
     * it on the classpath, with {@code -Dlth.bench.asyncProfiler=<libasyncProfiler.so>}.
     */
    static String profile(String command) {
        try {
            Class<?> c = Class.forName("one.profiler.AsyncProfiler");
            Object p = c.getMethod("getInstance", String.class).invoke(null, System.getProperty("lth.bench.asyncProfiler"));
            return String.valueOf(c.getMethod("execute", String.class).invoke(p, command)).trim().replace('\n', ' ');
        } catch (ReflectiveOperationException e) {
            return "unavailable: " + e;
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

    /** The claim whose reduced tier each {@code *t} key times. */
    static String claimOf(String model) {
        return switch (model) {
            case "vgg19t" -> "LTH-10";
            case "resnet20t" -> "LTH-14";
            case "conv6t" -> "LTH-8";
            case "conv2t" -> "LTH-6";
            case "conv4t" -> "LTH-7";
            case "conv2dt" -> "LTH-9";
            default -> throw new IllegalArgumentException("model " + model);
        };
    }

    /**
     * The reduced tier's setup of {@link #claimOf}'s claim, read from its claim file as a run builds it
     * ({@link Setups#of}): model and width, optimizer (with its schedule), batch; 28×28×1 inputs.
     */
    static Setup reducedSetup(String model) {
        ClaimSpec c = ClaimFiles.load(ClaimFiles.directory().resolve(claimOf(model) + ".yaml"));
        return Setups.of(c, "reduced");
    }

    /** A {@code *t} key: the reduced tier's network on Fashion-MNIST's 28×28×1, at the claim's batch. */
    static Runnable reduced(String model) {
        Setup s = reducedSetup(model);
        Network net = Architectures.build(s.model(), s.optimizer(), 1, 1, 28, 28, 10);
        if (System.getProperty("lth.bench.summary") != null) System.err.println(summary(net));
        return dl4j(net, s.train().batch(), 28 * 28);
    }

    static String summary(Network net) {
        return net.net() instanceof org.deeplearning4j.nn.multilayer.MultiLayerNetwork m ? m.summary()
                : ((org.deeplearning4j.nn.graph.ComputationGraph) net.net()).summary();
    }

    /** The harness's Conv-2 for 32×32×3 inputs (as the CIFAR-10 claims build it), Adam 2e-4. */
    static Network conv2() {
        return Architectures.build(new ModelSpec("conv-2", 1.0), Optimizer.adam(2e-4), 1, 3, 32, 32, 10);
    }

    /** The harness's VGG-19 at quarter width, SGD with momentum 0.9 and weight decay 1e-4, lr 0.1. */
    static Network vgg19() {
        return Architectures.build(new ModelSpec("vgg-19", 0.25), Optimizer.sgd(0.1), 1, 3, 32, 32, 10);
    }
}
