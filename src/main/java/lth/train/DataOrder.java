package lth.train;

import lth.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.SplittableRandom;

/**
 * The minibatches of a run: one permutation of the training split per epoch, drawn in turn from
 * {@code dataSeed} (the same for every arm of a trial, so arms are paired); the last partial batch
 * of an epoch is dropped. The minibatch of iteration k is a function of the seed and k alone: a run
 * that starts (or resumes) at k draws the permutations of the epochs before k and continues there,
 * so nothing of the order needs to be stored. Augmentation draws from the seed and the iteration.
 */
final class DataOrder {
    private final Tensors train;
    private final Dataset shape;
    private final int batch, perEpoch;
    private final long dataSeed;
    private final boolean augment;
    private final SplittableRandom order;
    private INDArray epochX, epochY;

    DataOrder(Tensors train, Dataset shape, int batch, boolean augment, long dataSeed, int first) {
        this.train = train;
        this.shape = shape;
        this.batch = batch;
        this.augment = augment;
        this.dataSeed = dataSeed;
        this.perEpoch = train.size() / batch;
        this.order = new SplittableRandom(dataSeed);
        for (int e = 0; e < first / perEpoch; e++) permutation(train.size(), order);   // epochs before k
    }

    /** Features and one-hot labels of iteration {@code it}; called for consecutive iterations from {@code first}. */
    INDArray[] batch(int it) {
        int b = it % perEpoch;
        if (b == 0 || epochX == null) {
            int[] perm = permutation(train.size(), order);
            epochX = Nd4j.pullRows(train.features(), 1, perm);
            epochY = Nd4j.pullRows(train.labels(), 1, perm);
        }
        var rows = NDArrayIndex.interval((long) b * batch, (long) (b + 1) * batch);
        INDArray x = epochX.get(rows, NDArrayIndex.all());
        if (augment) x = augment(x, shape, dataSeed, it);
        return new INDArray[]{x, epochY.get(rows, NDArrayIndex.all())};
    }

    /**
     * A random horizontal flip and 4-pixel zero-pad-and-crop of every image of the minibatch (VGG and
     * ResNet on CIFAR-10), drawn from the trial's data seed and the iteration: the same for every arm.
     */
    static INDArray augment(INDArray x, Dataset shape, long dataSeed, int iteration) {
        java.util.Random rng = new java.util.Random(dataSeed * 1_000_003L + iteration);
        float[] rows = x.dup('c').data().asFloat();
        int dim = shape.exampleLength();
        float[] out = new float[rows.length];
        for (int r = 0; r < rows.length / dim; r++) {
            float[] img = java.util.Arrays.copyOfRange(rows, r * dim, (r + 1) * dim);
            System.arraycopy(lth.data.Augmentation.flipAndCrop(img, shape.channels(), shape.height(), shape.width(), 4, rng),
                    0, out, r * dim, dim);
        }
        return Nd4j.create(out, x.shape(), 'c');
    }

    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i]; p[i] = p[j]; p[j] = t;
        }
        return p;
    }
}
