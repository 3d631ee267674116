package lth.experiment;

import lth.model.Network;
import lth.model.PrunableParam;
import lth.prune.LayerMask;
import lth.prune.MagnitudePruning;
import lth.prune.Mask;
import lth.prune.RandomPruning;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mask a run trains with: its arm's pruning of the run it branches from (the parent's mask and weights in, a mask out). */
final class RunMasks {
    private RunMasks() { }

    static Mask maskFor(RunSpec spec, List<PrunableParam> params, StoredRun parent) {
        if ((spec.arm() == Arm.TICKET || spec.arm() == Arm.TWIN) && spec.level() == 0) return Mask.dense(params);
        Setup s = spec.setup();
        if (spec.arm() == Arm.ONESHOT && s.scope() == lth.prune.Scope.GLOBAL)       // MagnitudePruning.oneShot is layer-wise only
            throw new IllegalArgumentException("cannot train " + spec.describe() + " of " + s.name()
                    + ": one-shot pruning is layer-wise only, but the setup's scope is global");
        Mask parentMask = maskOf(params, parent.state());
        Map<String, float[]> w = parent.state().weights();
        Mask imp = s.scope() == lth.prune.Scope.GLOBAL                               // globalRate(): one rate, or an error
                ? MagnitudePruning.global(parentMask, w, s.impRates(), s.impRates().globalRate())
                : MagnitudePruning.layerwise(parentMask, w, s.impRates());
        return switch (spec.arm()) {
            case TICKET, REINIT, TWIN -> imp;
            case RANDOM -> RandomPruning.sameCounts(imp, Seeds.derive(spec.seed(), "random", spec.level()));
            case ONESHOT -> MagnitudePruning.oneShot(parentMask, w, s.impRates(), spec.impRounds());
            case DENSE -> throw new IllegalStateException();
        };
    }

    static Mask maskOf(List<PrunableParam> params, TrunkState state) {
        List<LayerMask> layers = new ArrayList<>();
        for (PrunableParam p : params) layers.add(new LayerMask(p, state.keep().get(p.key())));
        return new Mask(layers);
    }

    /** What a ticket, θ_k or twin keeps: its mask, its final weights and parameters, and where the weights lie in them. */
    static TrunkState stateOf(Mask mask, Network net, INDArray finalParams) {
        return new TrunkState(mask.keepByKey(), weightsOf(net), finalParams.dup().data().asFloat(), slicesOf(net));
    }

    /**
     * Where each weight tensor lies in the flat parameter vector, for those that are one contiguous block of
     * it (all of DL4J's here); the store checks every slice against the weights, bit for bit, before it relies on it.
     */
    static Map<String, TensorSlice> slicesOf(Network net) {
        INDArray flat = net.net().params();
        Map<String, TensorSlice> out = new LinkedHashMap<>();
        for (PrunableParam p : net.prunable()) {
            INDArray v = net.net().getParam(p.key());
            long offset = v.offset() - flat.offset();
            if (offset >= 0 && v.rank() > 0 && java.util.Arrays.equals(v.stride(), contiguous(v.shape(), v.ordering())))
                out.put(p.key(), new TensorSlice(offset, v.shape(), v.ordering()));
        }
        return out;
    }

    private static long[] contiguous(long[] shape, char order) {
        long[] stride = new long[shape.length];
        long s = 1;
        for (int i = 0; i < shape.length; i++) {
            int k = order == 'c' ? shape.length - 1 - i : i;
            stride[k] = s;
            s *= shape[k];
        }
        return stride;
    }

    static Map<String, float[]> weightsOf(Network net) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (PrunableParam p : net.prunable())
            out.put(p.key(), net.net().getParam(p.key()).dup('c').data().asFloat());
        return out;
    }
}
