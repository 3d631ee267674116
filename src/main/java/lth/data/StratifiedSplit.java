package lth.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded, stratified partition of one dataset into parts of given sizes that together cover it.
 * Each part keeps the class proportions of the whole: part p gets, from each class, its share of
 * what remains, rounded by the largest-remainder method so the part has exactly its size; the
 * last part takes the rest. Within a class the examples are shuffled with the seed first, so the
 * result depends only on (labels, sizes, seed), never on the trial seed of an experiment.
 */
public final class StratifiedSplit {

    private StratifiedSplit() {}

    /**
     * @return for each part, the indices of its examples (shuffled); parts are disjoint and their
     *     union is 0..labels.length-1
     */
    public static int[][] indices(int[] labels, int numClasses, int[] sizes, long seed) {
        int total = Arrays.stream(sizes).sum();
        if (Arrays.stream(sizes).anyMatch(s -> s < 0)) throw new IllegalArgumentException("negative part size " + Arrays.toString(sizes));
        if (total != labels.length)
            throw new IllegalArgumentException("part sizes " + Arrays.toString(sizes) + " sum to " + total
                    + ", expected the dataset size " + labels.length);
        Random rng = new Random(seed);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < labels.length; i++) byClass.get(labels[i]).add(i);
        int[][] pools = new int[numClasses][];
        for (int c = 0; c < numClasses; c++) {
            pools[c] = byClass.get(c).stream().mapToInt(Integer::intValue).toArray();
            shuffle(pools[c], rng);
        }
        int[] taken = new int[numClasses]; // how many of each class earlier parts used
        int[][] parts = new int[sizes.length][];
        int remaining = labels.length;
        for (int p = 0; p < sizes.length; p++) {
            int[] counts = p == sizes.length - 1 ? rest(pools, taken) : allocate(pools, taken, remaining, sizes[p]);
            int[] part = new int[sizes[p]];
            int at = 0;
            for (int c = 0; c < numClasses; c++) {
                System.arraycopy(pools[c], taken[c], part, at, counts[c]);
                at += counts[c];
                taken[c] += counts[c];
            }
            shuffle(part, rng); // interleave classes so no consumer sees them in blocks
            parts[p] = part;
            remaining -= sizes[p];
        }
        return parts;
    }

    /** The parts as datasets named {@code names[p]}, same source as {@code d}. */
    public static Dataset[] split(Dataset d, int[] sizes, long seed, String... names) {
        if (names.length != sizes.length) throw new IllegalArgumentException(names.length + " names for " + sizes.length + " parts");
        int[][] idx = indices(d.labels(), d.numClasses(), sizes, seed);
        Dataset[] out = new Dataset[sizes.length];
        for (int p = 0; p < sizes.length; p++) out[p] = d.subset(idx[p], names[p]);
        return out;
    }

    /** Largest-remainder allocation of {@code size} examples over the classes' remaining counts. */
    private static int[] allocate(int[][] pools, int[] taken, int remaining, int size) {
        int k = pools.length;
        int[] counts = new int[k];
        double[] frac = new double[k];
        int assigned = 0;
        for (int c = 0; c < k; c++) {
            int left = pools[c].length - taken[c];
            double quota = remaining == 0 ? 0 : (double) left * size / remaining;
            counts[c] = (int) Math.floor(quota);
            frac[c] = quota - counts[c];
            assigned += counts[c];
        }
        // Hand out the rounding shortfall to the largest remainders; ties go to the lower class.
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) order[c] = c;
        Arrays.sort(order, (a, b) -> frac[a] != frac[b] ? Double.compare(frac[b], frac[a]) : Integer.compare(a, b));
        for (int i = 0; assigned < size; i = (i + 1) % k) {
            int c = order[i];
            if (counts[c] < pools[c].length - taken[c]) {
                counts[c]++;
                assigned++;
            }
        }
        return counts;
    }

    private static int[] rest(int[][] pools, int[] taken) {
        int[] counts = new int[pools.length];
        for (int c = 0; c < pools.length; c++) counts[c] = pools[c].length - taken[c];
        return counts;
    }

    private static void shuffle(int[] a, Random rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
