package lth.bench;

import lth.claim.ClaimFiles;
import lth.claim.ClaimSpec;
import lth.claim.Setups;
import lth.data.Dataset;
import lth.experiment.Setup;
import lth.model.Architectures;
import lth.model.Network;
import lth.train.Tensors;
import lth.train.Trainer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.Random;

/**
 * What fraction of a run the evaluations take (issue 14, item 3). Not a test. Builds a claim's setup
 * under a profile as a run does ({@link Setups#of}: model, width, optimizer, batch, iterations,
 * eval_every, test_eval) on Fashion-MNIST's shapes (28×28×1; 10,000 training, 5,000 validation and
 * 10,000 test images of random pixels: timing does not depend on them), then times training steps
 * ({@link Trainer#stepper}, masks on) and whole validation and test passes through the trainer's own
 * evaluation ({@link Trainer#accuracy}: chunks of {@link Network#evalBatch()} rows), and extrapolates:
 * a run is {@code iterations} steps, {@code iterations / eval_every} validation passes and, with
 * {@code test_eval: es_and_end}, two test passes (the end, and the early-stop point from kept
 * weights; one when they coincide), else one test pass per evaluation.
 *
 * <p>Usage: {@code EvalCost [CLAIM] [PROFILE] [STEPS] [REPEATS]} (default LTH-6 reduced 200 3).
 * Prints the measured medians and the extrapolated split of a run.
 */
public final class EvalCost {
    private EvalCost() { }

    public static void main(String[] args) {
        String claim = args.length > 0 ? args[0] : "LTH-6";
        String profile = args.length > 1 ? args[1] : "reduced";
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        ClaimSpec c = ClaimFiles.load(ClaimFiles.directory().resolve(claim + ".yaml"));
        Setup s = Setups.of(c, profile);
        int batch = s.train().batch(), iterations = s.train().iterations(), evalEvery = s.train().evalEvery();
        Network net = Architectures.build(s.model(), s.optimizer(), 1, 1, 28, 28, 10);
        Trainer.installMasks(net, StepBench.prune20(net));
        Trainer.Step step = Trainer.stepper(net, batch);
        Tensors train = tensors("train", 10_000, 1), val = tensors("validation", 5_000, 2), test = tensors("test", 10_000, 3);
        System.out.printf("%s %s: %s, batch %d, %d iterations, eval_every %d, test at es and end: %b, eval chunk %d rows%n",
                claim, profile, s.model().canonical(), batch, iterations, evalEvery, s.train().testAtEsAndEnd(), net.evalBatch());

        int[] it = {0};
        Runnable oneStep = () -> {
            int b = it[0]++ % (train.size() / batch);
            var rows = NDArrayIndex.interval((long) b * batch, (long) (b + 1) * batch);
            step.step(train.features().get(rows, NDArrayIndex.all()), train.labels().get(rows, NDArrayIndex.all()));
        };
        for (int i = 0; i < Math.max(20, steps / 5); i++) oneStep.run();           // warm-up
        Trainer.accuracy(net, val);
        double[] stepMs = new double[repeats], valMs = new double[repeats], testMs = new double[repeats];
        for (int r = 0; r < repeats; r++) {                                          // interleaved blocks
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) oneStep.run();
            stepMs[r] = (System.nanoTime() - t0) / 1e6 / steps;
            t0 = System.nanoTime();
            Trainer.accuracy(net, val);
            valMs[r] = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            Trainer.accuracy(net, test);
            testMs[r] = (System.nanoTime() - t0) / 1e6;
        }
        double st = median(stepMs), v = median(valMs), te = median(testMs);
        int evals = iterations / evalEvery;
        int testPasses = s.train().testAtEsAndEnd() ? 2 : evals;
        double trainS = st * iterations / 1e3, valS = v * evals / 1e3, testS = te * testPasses / 1e3;
        double total = trainS + valS + testS;
        System.out.printf("measured (medians of %d blocks): step %.2f ms (%d steps a block), validation pass (%d images) %.0f ms "
                + "= %.3f ms/image, test pass (%d images) %.0f ms; load %s%n", repeats, st, steps, val.size(), v, v / val.size(),
                test.size(), te, loadAverage());
        System.out.printf("a run: training %.0f s (%d steps), validation %.0f s (%d passes), test %.0f s (%d passes); "
                + "evaluation %.1f%% of %.0f s%n", trainS, iterations, valS, evals, testS, testPasses, 100 * (valS + testS) / total, total);
    }

    private static Tensors tensors(String name, int n, long seed) {
        Random r = new Random(seed);
        float[] px = new float[n * 784];
        for (int i = 0; i < px.length; i++) px[i] = r.nextFloat();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = i % 10;
        return Tensors.of(new Dataset("evalcost-" + name, "random pixels", 1, 28, 28, 10, px, labels));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
