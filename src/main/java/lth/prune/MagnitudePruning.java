package lth.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Magnitude pruning as pure functions: (weights, mask) → new mask. Only surviving weights compete;
 * ties in |w| are broken by position so that a mask is a function of its inputs alone.
 */
public final class MagnitudePruning {
    private MagnitudePruning() { }

    /** One IMP round, layer-wise: each layer loses round(rate × its survivors) of its smallest weights. */
    public static Mask layerwise(Mask mask, Map<String, float[]> weights, Rates rates) {
        return toCounts(mask, weights, l -> Rates.survivors(l.kept(), rates.of(l.param().kind()), 1));
    }

    /** One-shot: prune each layer straight to the survivors that {@code rounds} IMP rounds would leave. */
    public static Mask oneShot(Mask mask, Map<String, float[]> weights, Rates rates, int rounds) {
        return toCounts(mask, weights, l -> Rates.survivors(l.kept(), rates.of(l.param().kind()), rounds));
    }

    /**
     * One global round: a single magnitude threshold across all layers whose kind has a non-zero rate
     * (the rate of FC/CONV layers; the paper's global pruning uses one rate). Layers with rate 0
     * (output, shortcuts) are never touched.
     */
    public static Mask global(Mask mask, Map<String, float[]> weights, Rates rates, double rate) {
        record Entry(int layer, int index, float magnitude) { }
        List<Entry> pool = new ArrayList<>();
        List<LayerMask> layers = mask.layers();
        for (int li = 0; li < layers.size(); li++) {
            LayerMask l = layers.get(li);
            if (rates.of(l.param().kind()) == 0) continue;
            float[] w = weightsOf(weights, l);
            for (int i = 0; i < l.keep().length; i++)
                if (l.keep()[i] != 0f) pool.add(new Entry(li, i, Math.abs(w[i])));
        }
        int remove = (int) Math.round(rate * pool.size());
        pool.sort(Comparator.comparingDouble(Entry::magnitude).thenComparingInt(Entry::layer)
                .thenComparingInt(Entry::index));
        List<float[]> keeps = layers.stream().map(l -> l.keep().clone()).toList();
        for (int k = 0; k < remove; k++) keeps.get(pool.get(k).layer())[pool.get(k).index()] = 0f;
        List<LayerMask> out = new ArrayList<>();
        for (int li = 0; li < layers.size(); li++) out.add(new LayerMask(layers.get(li).param(), keeps.get(li)));
        return new Mask(out);
    }

    private static Mask toCounts(Mask mask, Map<String, float[]> weights, ToLongFunction<LayerMask> target) {
        List<LayerMask> out = new ArrayList<>();
        for (LayerMask l : mask.layers()) out.add(keepLargest(l, weightsOf(weights, l), target.applyAsLong(l)));
        return new Mask(out);
    }

    /** Keeps the {@code count} surviving weights of largest magnitude. */
    static LayerMask keepLargest(LayerMask l, float[] w, long count) {
        float[] keep = l.keep();
        Integer[] alive = java.util.stream.IntStream.range(0, keep.length).filter(i -> keep[i] != 0f)
                .boxed().toArray(Integer[]::new);
        if (count > alive.length) throw new IllegalArgumentException(l.param().key() + ": cannot keep "
                + count + " of " + alive.length + " survivors");
        Arrays.sort(alive, Comparator.<Integer>comparingDouble(i -> -Math.abs(w[i])).thenComparingInt(i -> i));
        float[] next = new float[keep.length];
        for (int k = 0; k < count; k++) next[alive[k]] = 1f;
        return new LayerMask(l.param(), next);
    }

    private static float[] weightsOf(Map<String, float[]> weights, LayerMask l) {
        float[] w = weights.get(l.param().key());
        if (w == null || w.length != l.keep().length)
            throw new IllegalArgumentException("weights for " + l.param().key() + " missing or of wrong size");
        return w;
    }
}
