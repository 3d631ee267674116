package lth.train;

import lth.kernel.FastMlp;
import lth.data.Splits;
import lth.data.TrainingData;
import lth.model.Network;
import lth.prune.LayerMask;
import lth.prune.Mask;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Trains a masked network: install the masks, zero the pruned initial weights, then minibatch SGD
 * in an order fixed by {@code dataSeed} (the same for every arm of a trial, so arms are paired).
 * Validation and test are evaluated every {@code evalEvery} iterations in whole-split batches
 * (conv nets: in chunks of {@link Network#evalBatch()} rows). The data is held in memory ({@link Splits})
 * or streamed from image folders ({@code lth.data.ImageNetSplits}); either way the minibatch of an
 * iteration is a function of {@code dataSeed} and the iteration ({@link RunData}).
 *
 * <p>With {@code cfg.startIteration() = k > 0} the run resumes at k: the network's iteration counter
 * is set to k (the learning-rate schedule resumes there), the data order continues from iteration k
 * of the same {@code dataSeed}'s order, and the optimizer state is whatever the network has (fresh for
 * a freshly built network). The caller loads the rewound parameters first: late resetting (θ_k) is
 * {@code lth.experiment.Experiment}'s, which trains θ_k as a run of its own k iterations.
 * Dropout masks are not resumed: a rewound run with dropout draws them afresh from {@code dataSeed}.
 *
 * <p>A run continued from a mid-run {@link Checkpoint} is another matter: there the optimizer state,
 * the generator of dropout and the evaluations so far are restored too, and the run continues bit for
 * bit as if it had never stopped ({@code CheckpointResumeTest}).
 */
public final class Trainer {
    private Trainer() { }

    /** The metrics and the final flat parameter vector (batch-norm statistics included). */
    public record Result(RunMetrics metrics, INDArray finalParams) { }

    public static Result train(Network network, Mask mask, TrainingData data, long dataSeed, TrainConfig cfg) {
        return train(network, mask, data, dataSeed, cfg, FAST_STEP, EvalListener.NONE);
    }

    /** As {@link #train(Network, Mask, TrainingData, long, TrainConfig)}, telling {@code listener} every evaluation (progress). */
    public static Result train(Network network, Mask mask, TrainingData data, long dataSeed, TrainConfig cfg, EvalListener listener) {
        return train(network, mask, data, dataSeed, cfg, FAST_STEP, listener);
    }

    /** {@code -Dlth.fastStep=false} trains every network with DL4J's own {@code fit} (for comparisons). */
    static final boolean FAST_STEP = !"false".equals(System.getProperty("lth.fastStep"));

    /**
     * {@code fast} selects {@link FastMlp}'s step for the networks it supports (dense ReLU stacks with a
     * softmax/cross-entropy output), which computes DL4J's update with the same ND4J ops, else DL4J's fit;
     * {@code listener} is told every evaluation (progress output; it cannot change the run).
     */
    static Result train(Network network, Mask mask, TrainingData data, long dataSeed, TrainConfig cfg,
                        boolean fast, EvalListener listener) {
        return train(network, mask, data, dataSeed, cfg, fast, listener, Checkpoints.NONE);
    }

    /**
     * As {@link #train(Network, Mask, TrainingData, long, TrainConfig, EvalListener)}, continuing from
     * {@code checkpoints.resume()} if it gives a checkpoint (else from the configured start) and saving
     * checkpoints when {@link CheckpointSchedule} says; throws {@link Checkpoint.Mismatch}, before
     * training, when the checkpoint does not fit this run (the network is then not usable for a restart).
     */
    public static Result train(Network network, Mask mask, TrainingData data, long dataSeed, TrainConfig cfg,
                               EvalListener listener, Checkpoints checkpoints) {
        return train(network, mask, data, dataSeed, cfg, FAST_STEP, listener, checkpoints);
    }

    static Result train(Network network, Mask mask, TrainingData data, long dataSeed, TrainConfig cfg,
                        boolean fast, EvalListener listener, Checkpoints checkpoints) {
        long start = System.nanoTime();
        installMasks(network, mask);
        Checkpoint resume = checkpoints.resume();
        if (resume != null) {
            resume.check(network, mask, cfg);
            network.net().setParams(Nd4j.create(resume.params(), new long[]{1, resume.params().length}, 'c'));
        }
        int first = resume != null ? resume.iteration() : cfg.startIteration();
        if (first > 0) network.setIterationCount(first);
        // Dropout draws from ND4J's per-thread generator, which network init does not reset for
        // training: seed it here so that dropout masks are a function of the trial's data seed.
        // (Networks without dropout draw nothing during training: their runs are unaffected.)
        if (network.usesDropout()) Nd4j.getRandom().setSeed(dataSeed);
        if (resume != null && resume.random().length == 2) Nd4j.getRandom().setStates(resume.random()[0], resume.random()[1]);
        Step step = stepper(network, cfg.batch(), fast);
        if (resume != null) {
            step.restoreUpdaterState(resume.updater());
            checkpoints.resumed(resume);
        }
        try (RunData d = RunData.of(data, cfg, dataSeed, first)) {
            return train(network, mask, d, cfg, step, listener, checkpoints, resume, first, start);
        }
    }

    private static Result train(Network network, Mask mask, RunData data, TrainConfig cfg, Step step, EvalListener listener,
                                Checkpoints checkpoints, Checkpoint resume, int first, long start) {
        CheckpointSchedule schedule = new CheckpointSchedule(checkpoints.every(), first, cfg.iterations(), CheckpointSchedule.INTERVAL);
        double before = resume == null ? 0 : resume.seconds();
        List<double[]> evals = new ArrayList<>();      // {iteration, valLoss, valAcc, testAcc}
        if (resume != null) for (double[] e : resume.evals()) evals.add(e.clone());
        boolean diverged = false;
        int bestIndex = resume == null ? -1 : resume.best();   // testAtEsAndEnd: the best validation loss so far,
        INDArray bestParams = resume == null || resume.bestParams() == null ? null   // the parameters there
                : Nd4j.create(resume.bestParams(), new long[]{1, resume.bestParams().length}, 'c');
        for (int it = first; it < cfg.iterations(); it++) {
            INDArray[] xy = data.batch(it);
            step.step(xy[0], xy[1]);
            if ((it + 1) % cfg.evalEvery() == 0 || it + 1 == cfg.iterations()) {
                double[] v = data.validation(network);
                boolean last = it + 1 == cfg.iterations() || !Double.isFinite(v[0]);
                double testAcc = !cfg.testAtEsAndEnd() || last ? data.test(network)[1] : Double.NaN;
                if (cfg.testAtEsAndEnd() && Double.isFinite(v[0]) && (bestIndex < 0 || v[0] < evals.get(bestIndex)[1])) {
                    bestParams = network.net().params().dup();            // batch-norm statistics included
                    bestIndex = evals.size();
                }
                evals.add(new double[]{it + 1, v[0], v[1], testAcc});
                listener.evaluated(new EvalListener.Evaluation(it + 1, first, cfg.iterations(), v[0], v[1],
                        (System.nanoTime() - start) / 1e9));
                if (!Double.isFinite(v[0])) { diverged = true; break; }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (schedule.due(it + 1, seconds))
                checkpoints.save(new Checkpoint(it + 1, before + seconds, floats(network.net().params()), step.updaterState(),
                        network.usesDropout() ? new long[]{Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState()} : new long[0],
                        mask.keepByKey(), evals.stream().map(double[]::clone).toList(), bestIndex, bestParams == null ? null : floats(bestParams)));
        }
        INDArray finalParams = network.net().params().dup();
        if (bestParams != null && Double.isNaN(evals.get(bestIndex)[3])) {
            // The early-stop point's test accuracy, from the weights kept there (inference is deterministic).
            network.net().setParams(bestParams);
            evals.get(bestIndex)[3] = data.test(network)[1];
            network.net().setParams(finalParams);
        }
        return new Result(summarize(evals, diverged, mask.pmPercent(), before + (System.nanoTime() - start) / 1e9),
                finalParams);
    }

    private static float[] floats(INDArray a) { return a.dup('c').data().asFloat(); }

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

        /** The optimizer's state (momentum buffers, Adam moments) as one flat array, for a checkpoint. */
        default float[] updaterState() { throw new UnsupportedOperationException("this step keeps no optimizer state to checkpoint"); }

        /** Puts a checkpoint's optimizer state back before the first step; {@link Checkpoint.Mismatch} if it does not fit. */
        default void restoreUpdaterState(float[] state) { throw new UnsupportedOperationException("this step cannot resume"); }
    }

    /**
     * The update {@link #train} applies per minibatch, after {@link #installMasks}: {@link FastMlp} for
     * the networks it supports (bit-identical to DL4J's fit, several times faster), else DL4J's
     * {@code MultiLayerNetwork.fit} with the masks applied by the layers' constraints.
     */
    public static Step stepper(Network network, int batch) { return stepper(network, batch, FAST_STEP); }

    static Step stepper(Network network, int batch, boolean fast) {
        if (fast && network.net() instanceof MultiLayerNetwork mln && FastMlp.supports(mln))
            return Steps.fast(new FastMlp(mln, network.masks(), batch));
        return Steps.dl4j(network);
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

    /** Accuracy (percent) over a whole split. */
    public static double accuracy(Network net, Tensors split) { return Evaluation.of(net, split)[1]; }

    /** Test accuracy (percent) of {@code net} on {@code data}'s test split, held in memory or streamed. */
    public static double testAccuracy(Network net, TrainingData data) {
        if (data instanceof Splits s) return accuracy(net, Tensors.of(s.test()));
        try (RunData d = RunData.of(data, new TrainConfig(1, 1, 1), 0, 0)) {
            return d.test(net)[1];
        }
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
