package lth.data;

/**
 * The train / validation / test splits a run trains on, early-stops on and is tested on: held in
 * memory ({@link Splits}: MNIST, Fashion-MNIST, CIFAR-10), or streamed from image folders one batch at
 * a time ({@link ImageNetSplits}: ImageNet, whose 1.28M images are never all decoded at once).
 */
public sealed interface TrainingData permits Splits, ImageNetSplits {
    /** One line for reports: dataset, source and split sizes. */
    String describe();

    /** The shape of an example and the number of classes, which the network is built for. */
    int channels();

    int height();

    int width();

    int classes();
}
