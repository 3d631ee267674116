package lth.train;

import lth.kernel.FastMlp;
import lth.data.Splits;
import lth.model.Network;
import lth.prune.LayerMask;
import lth.prune.Mask;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a masked network: install the masks, zero the pruned initial weights, then minibatch SGD
 * in an order fixed by {@code dataSeed} (the same for every arm of a trial, so arms are paired).
 * Validation and test are evaluated every {@code evalEvery} iterations in whole-split batches
 * (conv nets: in chunks of {@link Network#evalBatch()} rows).
 *
 * <p>With {@code cfg.startIteration() = k > 0} the run resumes at k: the network's iteration counter
 * is set to k (the learning-rate schedule resumes there), the data order continues from iteration k
 * of the same {@code dataSeed}'s order, and the optimizer state is whatever the network has (fresh for
 * a freshly built network). The caller loads the rewound parameters first: late resetting (θ_k) is
 * {@code lth.experiment.Experiment}'s, which trains θ_k as a run of its own k iterations.
 * Dropout masks are not resumed: a resumed run with dropout draws them afresh from {@code dataSeed}.
 */
public final class Trainer {
    private Trainer() { }

    /** The metrics and the final flat parameter vector (batch-norm statistics included). */
    public record Result(RunMetrics metrics, INDArray finalParams) { }

    public static Result train(Network network, Mask mask, Splits data, long dataSeed, TrainConfig cfg) {
        return train(network, mask, data, dataSeed, cfg, FAST_STEP, EvalListener.NONE);
    }

    /** As {@link #train(Network, Mask, Splits, long, TrainConfig)}, telling {@code listener} every evaluation (progress). */
    public static Result train(Network network, Mask mask, Splits data, long dataSeed, TrainConfig cfg, EvalListener listener) {
        return train(network, mask, data, dataSeed, cfg, FAST_STEP, listener);
    }

    /** {@code -Dlth.fastStep=false} trains every network with DL4J's own {@code fit} (for comparisons). */
    static final boolean FAST_STEP = !"false".equals(System.getProperty("lth.fastStep"));

    /**
     * {@code fast} selects {@link FastMlp}'s step for the networks it supports (dense ReLU stacks with a
     * softmax/cross-entropy output), which computes DL4J's update with the same ND4J ops, else DL4J's fit;
     * {@code listener} is told every evaluation (progress output; it cannot change the run).
     */
    static Result train(Network network, Mask mask, Splits data, long dataSeed, TrainConfig cfg,
                        boolean fast, EvalListener listener) {
        long start = System.nanoTime();
        installMasks(network, mask);
        int first = cfg.startIteration();
        if (first > 0) network.setIterationCount(first);
        // Dropout draws from ND4J's per-thread generator, which network init does not reset for
        // training: seed it here so that dropout masks are a function of the trial's data seed.
        // (Networks without dropout draw nothing during training: their runs are unaffected.)
        if (network.usesDropout()) Nd4j.getRandom().setSeed(dataSeed);
        Step step = stepper(network, cfg.batch(), fast);
        Tensors train = Tensors.of(data.train());
        Tensors val = Tensors.of(data.validation());
        Tensors test = Tensors.of(data.test());

        int perEpoch = train.size() / cfg.batch();     // the last partial batch of an epoch is dropped
        SplittableRandom order = new SplittableRandom(dataSeed);
        for (int e = 0; e < first / perEpoch; e++) permutation(train.size(), order);   // epochs before k
        INDArray epochX = null, epochY = null;
        List<double[]> evals = new ArrayList<>();      // {iteration, valLoss, valAcc, testAcc}
        boolean diverged = false;
        double[] bestLoss = null;                      // testAtEsAndEnd: the best validation loss so far,
        INDArray bestParams = null;                    // the parameters there
        int bestIndex = -1;                            // and its evaluation
        for (int it = first; it < cfg.iterations(); it++) {
            int b = it % perEpoch;
            if (b == 0 || epochX == null) {
                int[] perm = permutation(train.size(), order);
                epochX = Nd4j.pullRows(train.features(), 1, perm);
                epochY = Nd4j.pullRows(train.labels(), 1, perm);
            }
            var rows = NDArrayIndex.interval((long) b * cfg.batch(), (long) (b + 1) * cfg.batch());
            INDArray x = epochX.get(rows, NDArrayIndex.all());
            if (cfg.augment()) x = augment(x, data.train(), dataSeed, it);
            step.step(x, epochY.get(rows, NDArrayIndex.all()));
            if ((it + 1) % cfg.evalEvery() == 0 || it + 1 == cfg.iterations()) {
                double[] v = evaluate(network, val);
                boolean last = it + 1 == cfg.iterations() || !Double.isFinite(v[0]);
                double testAcc = !cfg.testAtEsAndEnd() || last ? evaluate(network, test)[1] : Double.NaN;
                if (cfg.testAtEsAndEnd() && Double.isFinite(v[0]) && (bestLoss == null || v[0] < bestLoss[0])) {
                    bestLoss = new double[]{v[0]};
                    bestParams = network.net().params().dup();            // batch-norm statistics included
                    bestIndex = evals.size();
                }
                evals.add(new double[]{it + 1, v[0], v[1], testAcc});
                listener.evaluated(new EvalListener.Evaluation(it + 1, first, cfg.iterations(), v[0], v[1],
                        (System.nanoTime() - start) / 1e9));
                if (!Double.isFinite(v[0])) { diverged = true; break; }
            }
        }
        INDArray finalParams = network.net().params().dup();
        if (bestParams != null && Double.isNaN(evals.get(bestIndex)[3])) {
            // The early-stop point's test accuracy, from the weights kept there (inference is deterministic).
            network.net().setParams(bestParams);
            evals.get(bestIndex)[3] = evaluate(network, test)[1];
            network.net().setParams(finalParams);
        }
        return new Result(summarize(evals, diverged, mask.pmPercent(), (System.nanoTime() - start) / 1e9),
                finalParams);
    }

    /**
     * SHA-256 (hex) of parameters as big-endian float bits in 'c' order, with -0.0 turned into +0.0
     * (a pruned weight may be either; they are the same value). Equal hashes mean bit-identical weights.
     */
    public static String paramHash(INDArray params) {
        float[] v = params.dup('c').data().asFloat();
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(v.length * 4);
        for (float f : v) buf.putFloat(f == 0f ? 0f : f);
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(buf.array()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One masked training update on a minibatch (features [batch, inputs], one-hot labels). */
    public interface Step {
        void step(INDArray features, INDArray labels);
    }

    /**
     * The update {@link #train} applies per minibatch, after {@link #installMasks}: {@link FastMlp} for
     * the networks it supports (bit-identical to DL4J's fit, several times faster), else DL4J's
     * {@code MultiLayerNetwork.fit} with the masks applied by the layers' constraints.
     */
    public static Step stepper(Network network, int batch) { return stepper(network, batch, FAST_STEP); }

    static Step stepper(Network network, int batch, boolean fast) {
        if (fast && network.net() instanceof MultiLayerNetwork mln && FastMlp.supports(mln))
            return new FastMlp(mln, network.masks(), batch)::step;
        return (x, y) -> network.fit(new DataSet(x, y));
    }

    /**
     * A random horizontal flip and 4-pixel zero-pad-and-crop of every image of the minibatch (VGG and
     * ResNet on CIFAR-10), drawn from the trial's data seed and the iteration: the same for every arm.
     */
    static INDArray augment(INDArray x, lth.data.Dataset shape, long dataSeed, int iteration) {
        java.util.Random rng = new java.util.Random(dataSeed * 1_000_003L + iteration);
        float[] rows = x.dup('c').data().asFloat();
        int dim = shape.exampleLength();
        float[] out = new float[rows.length];
        for (int r = 0; r < rows.length / dim; r++) {
            float[] img = java.util.Arrays.copyOfRange(rows, r * dim, (r + 1) * dim);
            System.arraycopy(lth.data.Augmentation.flipAndCrop(img, shape.channels(), shape.height(), shape.width(), 4, rng),
                    0, out, r * dim, dim);
        }
        return Nd4j.create(out, x.shape(), 'c');
    }

    /** Puts the masks where the constraints read them and zeroes pruned weights before the first step. */
    public static void installMasks(Network network, Mask mask) {
        for (LayerMask l : mask.layers()) {
            INDArray param = network.net().getParam(l.param().key());
            // keep() is in c order; the mask is stored in the parameter's own order (DL4J's dense
            // weights are 'f'), as a mixed-order multiply takes ND4J's slow strided path
            INDArray m = Nd4j.create(l.keep(), param.shape(), 'c').dup(param.ordering());
            network.masks().put(l.param().key(), m);
            param.muli(m);
        }
    }

    /** Mean cross-entropy and accuracy (percent) over a whole split. */
    static double[] evaluate(Network net, Tensors split) {
        int chunk = net.evalBatch();
        if (chunk > 0 && split.size() > chunk) return evaluateChunked(net, split, chunk);
        INDArray probs = net.output(split.features());
        INDArray picked = probs.mul(split.labels()).sum(1);
        double loss = -Transforms.log(picked.addi(1e-12), false).meanNumber().doubleValue();
        INDArray predicted = probs.argMax(1);
        int correct = 0;
        for (int i = 0; i < split.size(); i++) if (predicted.getInt(i) == split.classes()[i]) correct++;
        return new double[]{loss, 100.0 * correct / split.size()};
    }

    /** Accuracy (percent) over a whole split. */
    public static double accuracy(Network net, Tensors split) { return evaluate(net, split)[1]; }

    /** As {@link #evaluate}, in forward passes of {@code chunk} rows (conv activations of a whole split are large). */
    private static double[] evaluateChunked(Network net, Tensors split, int chunk) {
        double lossSum = 0;
        int correct = 0;
        for (int from = 0; from < split.size(); from += chunk) {
            int to = Math.min(split.size(), from + chunk);
            var rows = NDArrayIndex.interval(from, to);
            INDArray probs = net.output(split.features().get(rows, NDArrayIndex.all()));
            INDArray picked = probs.mul(split.labels().get(rows, NDArrayIndex.all())).sum(1);
            lossSum -= Transforms.log(picked.addi(1e-12), false).sumNumber().doubleValue();
            INDArray predicted = probs.argMax(1);
            for (int i = from; i < to; i++) if (predicted.getInt(i - from) == split.classes()[i]) correct++;
        }
        return new double[]{lossSum / split.size(), 100.0 * correct / split.size()};
    }

    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i]; p[i] = p[j]; p[j] = t;
        }
        return p;
    }

    private static RunMetrics summarize(List<double[]> evals, boolean diverged, double pm, double seconds) {
        int n = evals.size();
        int[] its = new int[n];
        double[] vl = new double[n], va = new double[n], ta = new double[n];
        int best = -1;
        for (int i = 0; i < n; i++) {
            double[] e = evals.get(i);
            its[i] = (int) e[0]; vl[i] = e[1]; va[i] = e[2]; ta[i] = e[3];
            if (Double.isFinite(vl[i]) && (best < 0 || vl[i] < vl[best])) best = i;
        }
        if (best < 0) best = n - 1;                       // diverged at the first evaluation
        return new RunMetrics(its, vl, va, ta, its[best], ta[best], ta[n - 1], diverged, pm, seconds);
    }
}
