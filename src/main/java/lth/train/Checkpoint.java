package lth.train;

import lth.model.Network;
import lth.prune.LayerMask;
import lth.prune.Mask;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A run between two iterations, everything {@link Trainer#train} needs to continue it bit for bit:
 * {@code iteration} updates done; all parameters (batch-norm statistics included) and the optimizer's
 * state (momentum buffers, Adam moments) as flat float arrays; the thread's ND4J generator state
 * ({@code random}: root and node state, only for networks with dropout, else empty); the mask (checked,
 * not trusted: it must equal the mask the run is given); the evaluations so far ({iteration, val loss,
 * val acc, test acc} each, test scores taken included); the early-stop bookkeeping of
 * {@link TrainConfig#testAtEsAndEnd} (the best evaluation's index and the weights kept there, else -1
 * and null); and the wall-clock seconds spent so far. The data order and augmentation are functions
 * of the data seed and the iteration ({@link DataOrder}), so the iteration is their whole position.
 */
public record Checkpoint(int iteration, double seconds, float[] params, float[] updater, long[] random,
                         Map<String, float[]> keep, List<double[]> evals, int best, float[] bestParams) {

    /** The checkpoint does not belong to the run it was offered to resume (thrown before training starts). */
    public static final class Mismatch extends IllegalStateException {
        public Mismatch(String message) { super(message); }
    }

    /** Throws {@link Mismatch} unless this checkpoint can continue a run of {@code cfg} on {@code net} with {@code mask}. */
    void check(Network net, Mask mask, TrainConfig cfg) {
        if (iteration <= cfg.startIteration() || iteration >= cfg.iterations())
            throw new Mismatch("iteration " + iteration + " is outside the run's " + cfg.startIteration() + ".." + cfg.iterations());
        long n = net.net().params().length();
        if (params.length != n) throw new Mismatch(params.length + " parameters, the network has " + n);
        if (bestParams != null && bestParams.length != n) throw new Mismatch("kept early-stop weights of the wrong length");
        if (best < -1 || best >= evals.size() || (bestParams == null) != (best == -1) || (best >= 0 && !cfg.testAtEsAndEnd()))
            throw new Mismatch("early-stop bookkeeping does not fit the run (best " + best + " of " + evals.size() + ")");
        if (random.length != (net.usesDropout() ? 2 : 0)) throw new Mismatch("random generator state of the wrong length");
        int last = 0;
        for (double[] e : evals) {
            if (e.length != 4 || e[0] <= last || e[0] > iteration) throw new Mismatch("evaluations out of order");
            last = (int) e[0];
        }
        if (keep.size() != mask.layers().size()) throw new Mismatch("mask of " + keep.size() + " tensors, the run's has " + mask.layers().size());
        for (LayerMask l : mask.layers())
            if (!Arrays.equals(keep.get(l.param().key()), l.keep()))
                throw new Mismatch("its mask of " + l.param().key() + " differs from the run's");
    }
}
