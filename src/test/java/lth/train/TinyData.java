package lth.train;

import lth.data.Dataset;
import lth.data.Splits;

import java.util.SplittableRandom;

/** A small synthetic 28x28 dataset with learnable classes, for fast invariant tests of training. */
public final class TinyData {
    private TinyData() { }

    public static Splits splits() {
        return new Splits(make("tiny-train", 480, 1), make("tiny-val", 100, 2), make("tiny-test", 100, 3));
    }

    static Dataset make(String name, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] px = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 10;
            labels[i] = c;
            for (int j = 0; j < 784; j++)
                px[i * 784 + j] = (float) Math.min(1, Math.max(0, (j % 10 == c ? 0.6 : 0.1) + 0.2 * r.nextGaussian()));
        }
        return new Dataset(name, "synthetic (TinyData)", 1, 28, 28, 10, px, labels);
    }
}
