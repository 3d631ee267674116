package lth.data;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Streams minibatches of an {@link ImageFolder}: each batch decodes its own images (in parallel on
 * {@code threads} threads) into the caller's arrays, so memory holds one batch, never the set. The
 * result does not depend on the thread count: every example's randomness comes from
 * {@link ImageNetTransform#random(long, int, int)} (seed, epoch, index in the folder), and the
 * order of an epoch from {@link #epochOrder(int, long, int)}.
 */
public final class ImageNetBatches implements AutoCloseable {
    private final ImageFolder folder;
    private final boolean train;
    private final long seed;
    private final ImageNetTransform.View view;
    private final ForkJoinPool pool;
    private int orderEpoch = -1;
    private int[] order;

    private ImageNetBatches(ImageFolder folder, boolean train, long seed, ImageNetTransform.View view, int threads) {
        if (threads < 1) throw new IllegalArgumentException("decoding threads must be >= 1, got " + threads);
        this.folder = folder;
        this.train = train;
        this.seed = seed;
        this.view = view;
        this.pool = new ForkJoinPool(threads);
    }

    /** Training views (random-resized-crop 224, flip) drawn from {@code seed}. */
    public static ImageNetBatches train(ImageFolder folder, long seed, int threads) {
        return train(folder, seed, ImageNetTransform.View.STANDARD, threads);
    }

    /** Training views of {@code view}'s size (random-resized-crop, flip) drawn from {@code seed}. */
    public static ImageNetBatches train(ImageFolder folder, long seed, ImageNetTransform.View view, int threads) {
        return new ImageNetBatches(folder, true, seed, view, threads);
    }

    /** Evaluation views (resize 256, center crop 224): no randomness. */
    public static ImageNetBatches eval(ImageFolder folder, int threads) {
        return eval(folder, ImageNetTransform.View.STANDARD, threads);
    }

    /** Evaluation views of {@code view}'s size (resize, center crop): no randomness. */
    public static ImageNetBatches eval(ImageFolder folder, ImageNetTransform.View view, int threads) {
        return new ImageNetBatches(folder, false, 0, view, threads);
    }

    public ImageFolder folder() { return folder; }

    /** Floats per example: 3 × 224 × 224 for the standard view. */
    public int exampleLength() { return view.example(); }

    /** Batches in an epoch of {@code batch} examples; the last partial batch is dropped (as the trainer does). */
    public int batchesPerEpoch(int batch) { return folder.size() / batch; }

    /** The visiting order of epoch {@code epoch}: a permutation of the folder drawn from (seed, epoch). */
    public static int[] epochOrder(int size, long seed, int epoch) {
        int[] p = IntStream.range(0, size).toArray();
        SplittableRandom rng = new SplittableRandom(ImageNetTransform.mix(ImageNetTransform.mix(seed) ^ 0x5DEECE66DL) + epoch);
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * Batch {@code b} of epoch {@code epoch} in the epoch's order (training), into {@code features}
     * ({@code batch × exampleLength()} floats) and {@code labels}; returns the examples' indices.
     */
    public int[] batch(int epoch, int b, int batch, float[] features, int[] labels) {
        if (b < 0 || b >= batchesPerEpoch(batch))
            throw new IllegalArgumentException("batch " + b + " of " + batchesPerEpoch(batch) + " per epoch at size " + batch);
        int[] indices = java.util.Arrays.copyOfRange(order(epoch), b * batch, (b + 1) * batch);
        fill(epoch, indices, features, labels);
        return indices;
    }

    private synchronized int[] order(int epoch) {
        if (epoch != orderEpoch) {
            order = epochOrder(folder.size(), seed, epoch);
            orderEpoch = epoch;
        }
        return order;
    }

    /**
     * The examples {@code indices} (training views of epoch {@code epoch}, or evaluation views) into
     * {@code features} and {@code labels}. A file that does not decode is a {@link DataFormatException} naming it.
     */
    public void fill(int epoch, int[] indices, float[] features, int[] labels) {
        int n = indices.length, len = view.example();
        if (features.length < (long) n * len || labels.length < n)
            throw new IllegalArgumentException("arrays hold " + features.length / len + " examples / " + labels.length
                    + " labels, the batch has " + n);
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(i -> {
                int index = indices[i];
                JpegDecoder.Rgb img = JpegDecoder.decode(folder.file(index));
                if (train) ImageNetTransform.train(img, ImageNetTransform.random(seed, epoch, index), view, features, i * len);
                else ImageNetTransform.eval(img, view, features, i * len);
                labels[i] = folder.label(index);
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding a batch of " + folder.dir(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("decoding a batch of " + folder.dir(), e.getCause());
        }
    }

    @Override
    public void close() { pool.shutdownNow(); }
}
