package lth.prune;

import lth.model.PrunableParam;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The masks of all weight tensors of a network. Pm is counted over all of them. */
public record Mask(List<LayerMask> layers) {
    public Mask { layers = List.copyOf(layers); }

    public static Mask dense(List<PrunableParam> params) {
        return new Mask(params.stream().map(p -> {
            float[] ones = new float[(int) p.size()];
            Arrays.fill(ones, 1f);
            return new LayerMask(p, ones);
        }).toList());
    }

    public long kept() { return layers.stream().mapToLong(LayerMask::kept).sum(); }

    public long total() { return layers.stream().mapToLong(l -> l.param().size()).sum(); }

    /** Percent of all weights remaining (the paper's Pm), biases excluded. */
    public double pmPercent() { return 100.0 * kept() / total(); }

    public Map<String, Long> keptPerLayer() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (LayerMask l : layers) m.put(l.param().key(), l.kept());
        return m;
    }

    /** Each tensor's keep-mask by its key, in layer order (the mask's own arrays, not copies). */
    public Map<String, float[]> keepByKey() {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (LayerMask l : layers) m.put(l.param().key(), l.keep());
        return m;
    }

    public LayerMask layer(String key) {
        return layers.stream().filter(l -> l.param().key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no mask for " + key));
    }
}
