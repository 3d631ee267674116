package lth.train;

import lth.data.ImageNetSplits;
import lth.data.Splits;
import lth.data.TrainingData;
import lth.model.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where one run's minibatches and evaluations come from. The minibatch of iteration k is a function
 * of the data seed and k alone, whichever the source, so that a run resumed at k (a rewound ticket, a
 * mid-run checkpoint) continues exactly where it was.
 */
interface RunData extends AutoCloseable {
    /** Features and one-hot labels of iteration {@code it}; called for consecutive iterations from the run's first. */
    INDArray[] batch(int it);

    /** Mean cross-entropy and accuracy (percent) over the validation split. */
    double[] validation(Network net);

    /** Mean cross-entropy and accuracy (percent) over the test split. */
    double[] test(Network net);

    @Override void close();

    /** The source of a run on {@code data} with {@code cfg}'s batch and augmentation, from iteration {@code first}. */
    static RunData of(TrainingData data, TrainConfig cfg, long dataSeed, int first) {
        if (data instanceof Splits s) return new InMemory(s, cfg, dataSeed, first);
        return new StreamedData((ImageNetSplits) data, cfg, dataSeed, first);
    }

    /** Splits held in memory: {@link DataOrder}'s minibatches, whole-split evaluations ({@link Evaluation}). */
    final class InMemory implements RunData {
        private final DataOrder order;
        private final Tensors val, test;

        InMemory(Splits data, TrainConfig cfg, long dataSeed, int first) {
            this.order = new DataOrder(Tensors.of(data.train()), data.train(), cfg.batch(), cfg.augment(), dataSeed, first);
            this.val = Tensors.of(data.validation());
            this.test = Tensors.of(data.test());
        }

        @Override public INDArray[] batch(int it) { return order.batch(it); }

        @Override public double[] validation(Network net) { return Evaluation.of(net, val); }

        @Override public double[] test(Network net) { return Evaluation.of(net, test); }

        @Override public void close() { }
    }
}
