package lth.train;

import lth.data.ImageFolder;
import lth.data.ImageNetBatches;
import lth.data.ImageNetSplits;
import lth.model.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * ImageNet streamed into a run: the minibatch of iteration k is batch {@code k mod E} of epoch
 * {@code k / E} ({@code E} = full batches per epoch of the training part) in the epoch's seeded order,
 * its views drawn from (data seed, epoch, image) ({@link ImageNetBatches}): a function of the seed and
 * k alone, so a checkpoint's iteration is its whole data position. Validation and test are decoded
 * chunk by chunk with the evaluation views. All decoding runs on one helper thread, one task ahead:
 * the next minibatch (or evaluation chunk) is decoded while the network works on the current one, and
 * what is decoded does not depend on when.
 */
final class StreamedData implements RunData {
    /** Decoding threads per split: {@code -Dlth.data.imagenet.threads}, default the machine's cores. */
    static final String PROP_THREADS = "lth.data.imagenet.threads";
    /** Images per evaluation forward pass (a chunk of 224×224 views is 0.6 MB per image). */
    static final int EVAL_CHUNK = 250;

    private final ImageNetSplits data;
    private final ImageNetBatches train, validation, test;
    private final int batch, perEpoch, iterations, len;
    private final float[] trainBuffer, evalBuffer;
    private final int[] trainLabels, evalLabels;
    private final ExecutorService ahead = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lth-imagenet-decode");
        t.setDaemon(true);
        return t;
    });
    /** Features, one-hot labels and the classes of some decoded images. */
    private record Decoded(INDArray x, INDArray y, int[] classes) { }

    private Future<Decoded> next;
    private int nextIt = -1;

    StreamedData(ImageNetSplits data, TrainConfig cfg, long dataSeed, int first) {
        if (cfg.augment())
            throw new IllegalArgumentException("ImageNet's training views are random-resized crops with flips already; the setup's "
                    + "augment (CIFAR's flip and 4-pixel crop) does not apply to it: leave it off");
        this.data = data;
        int threads = threads();
        this.train = ImageNetBatches.train(data.train(), dataSeed, data.view(), threads);
        this.validation = ImageNetBatches.eval(data.validation(), data.view(), threads);
        this.test = ImageNetBatches.eval(data.test(), data.view(), threads);
        this.batch = cfg.batch();
        this.iterations = cfg.iterations();
        this.perEpoch = train.batchesPerEpoch(batch);
        if (perEpoch == 0)
            throw new IllegalArgumentException("ImageNet's training part has " + data.train().size() + " images, fewer than one batch of " + batch);
        this.len = train.exampleLength();
        this.trainBuffer = new float[batch * len];
        this.trainLabels = new int[batch];
        this.evalBuffer = new float[EVAL_CHUNK * len];
        this.evalLabels = new int[EVAL_CHUNK];
    }

    static int threads() {
        String v = System.getProperty(PROP_THREADS, String.valueOf(Runtime.getRuntime().availableProcessors()));
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 1) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + PROP_THREADS + "=" + v + " is not a number of decoding threads >= 1");
    }

    @Override public INDArray[] batch(int it) {
        if (next == null || nextIt != it) next = ahead.submit(() -> load(it));     // queued behind any decode in flight
        Decoded d = await(next);
        next = null;
        if (it + 1 < iterations) {
            nextIt = it + 1;
            next = ahead.submit(() -> load(it + 1));
        }
        return new INDArray[]{d.x(), d.y()};
    }

    /** Decodes iteration {@code it}'s minibatch (on the helper thread, which alone touches the buffers). */
    private Decoded load(int it) {
        train.batch(it / perEpoch, it % perEpoch, batch, trainBuffer, trainLabels);
        return tensors(trainBuffer, trainLabels, batch);
    }

    /** The first {@code n} decoded images as tensors (ND4J copies them out of the buffer). */
    private Decoded tensors(float[] features, int[] labels, int n) {
        float[] rows = features.length == n * len ? features : java.util.Arrays.copyOf(features, n * len);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, data.classes());
        for (int i = 0; i < n; i++) y.putScalar(i, labels[i], 1f);
        return new Decoded(Nd4j.create(rows, new long[]{n, len}, 'c'), y, java.util.Arrays.copyOf(labels, n));
    }

    @Override public double[] validation(Network net) { return evaluate(net, validation); }

    @Override public double[] test(Network net) { return evaluate(net, test); }

    /** Mean cross-entropy and accuracy (percent) over a split's evaluation views, decoding a chunk ahead. */
    private double[] evaluate(Network net, ImageNetBatches split) {
        ImageFolder f = split.folder();
        int chunks = (f.size() + EVAL_CHUNK - 1) / EVAL_CHUNK;
        Future<Decoded> chunk = ahead.submit(() -> chunk(split, 0));
        double lossSum = 0;
        int correct = 0;
        for (int k = 0; k < chunks; k++) {
            Decoded d = await(chunk);
            int following = k + 1;
            if (following < chunks) chunk = ahead.submit(() -> chunk(split, following));
            double[] sums = Evaluation.sums(net, d.x(), d.y(), d.classes(), 0);
            lossSum += sums[0];
            correct += (int) sums[1];
        }
        return new double[]{lossSum / f.size(), 100.0 * correct / f.size()};
    }

    private Decoded chunk(ImageNetBatches split, int k) {
        int from = k * EVAL_CHUNK, n = Math.min(EVAL_CHUNK, split.folder().size() - from);
        int[] indices = java.util.stream.IntStream.range(from, from + n).toArray();
        split.fill(0, indices, evalBuffer, evalLabels);
        return tensors(evalBuffer, evalLabels, n);
    }

    private static Decoded await(Future<Decoded> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding ImageNet", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    @Override public void close() {
        ahead.shutdownNow();
        train.close();
        validation.close();
        test.close();
    }
}
