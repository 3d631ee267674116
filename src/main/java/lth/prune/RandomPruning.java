package lth.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The random-pruning control: a uniformly random mask with the same per-layer survivor counts. */
public final class RandomPruning {
    private RandomPruning() { }

    public static Mask sameCounts(Mask reference, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<LayerMask> out = new ArrayList<>();
        for (LayerMask l : reference.layers()) {
            int n = l.keep().length;
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) idx[i] = i;
            long kept = l.kept();
            float[] keep = new float[n];
            for (int i = 0; i < kept; i++) {       // partial Fisher-Yates: the first `kept` are the sample
                int j = i + rng.nextInt(n - i);
                int t = idx[i]; idx[i] = idx[j]; idx[j] = t;
                keep[idx[i]] = 1f;
            }
            out.add(new LayerMask(l.param(), keep));
        }
        return new Mask(out);
    }
}
