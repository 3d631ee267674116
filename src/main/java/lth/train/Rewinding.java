package lth.train;

import lth.model.Network;
import lth.prune.LayerMask;
import lth.prune.Mask;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Late resetting (rewinding to iteration k): the survivors of a mask are reset to θ_k, the
 * parameters after k training iterations, instead of θ0. Parameters are maps from DL4J parameter
 * key to values in C order, covering every parameter (weights, biases, batch-norm gamma/beta and
 * running statistics), as {@link Trainer.Result#snapshot()} returns them.
 *
 * <p>Use: train the dense (or parent) network with {@code Trainer.train(..., snapshotAt = k)};
 * build a fresh network (fresh optimizer state); {@link #load} {@link #initialParams}(θ_k, mask);
 * then {@code Trainer.train(net, mask, data, dataSeed, cfg.startingAt(k))}.
 */
public final class Rewinding {
    private Rewinding() { }

    /** θ_k with every pruned weight set to 0 (a pure function; the inputs are not changed). */
    public static Map<String, float[]> initialParams(Map<String, float[]> thetaK, Mask mask) {
        Map<String, float[]> out = new LinkedHashMap<>();
        thetaK.forEach((k, v) -> out.put(k, v.clone()));
        for (LayerMask l : mask.layers()) {
            float[] w = out.get(l.param().key());
            if (w == null || w.length != l.keep().length)
                throw new IllegalArgumentException("θ_k lacks " + l.param().key() + " or has the wrong size");
            for (int i = 0; i < w.length; i++) if (l.keep()[i] == 0f) w[i] = 0f;
        }
        return out;
    }

    /** Every parameter of the network, by key, copied in C order. */
    public static Map<String, float[]> paramsOf(Network net) {
        Map<String, float[]> out = new LinkedHashMap<>();
        net.net().paramTable().forEach((k, v) -> out.put(k, v.dup('c').data().asFloat()));
        return out;
    }

    /** Writes the given parameters into the network in place (all keys must exist, sizes must match). */
    public static void load(Network net, Map<String, float[]> params) {
        Map<String, INDArray> table = net.net().paramTable();
        if (!table.keySet().equals(params.keySet()))
            throw new IllegalArgumentException("parameter keys differ: network " + table.keySet() + ", given " + params.keySet());
        table.forEach((k, v) -> {
            float[] p = params.get(k);
            if (p.length != v.length()) throw new IllegalArgumentException(k + ": " + p.length + " values for " + v.length());
            v.assign(Nd4j.create(p, v.shape(), 'c'));
        });
    }
}
