package lth.train;

import lth.model.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Mean cross-entropy and accuracy of a network over an in-memory split, as {@link Trainer} scores it. */
final class Evaluation {
    private Evaluation() { }

    /** Mean cross-entropy and accuracy (percent) over a whole split. */
    static double[] of(Network net, Tensors split) {
        int chunk = net.evalBatch();
        if (chunk > 0 && split.size() > chunk) return chunked(net, split, chunk);
        INDArray probs = net.output(split.features());
        INDArray picked = probs.mul(split.labels()).sum(1);
        double loss = -Transforms.log(picked.addi(1e-12), false).meanNumber().doubleValue();
        INDArray predicted = probs.argMax(1);
        int correct = 0;
        for (int i = 0; i < split.size(); i++) if (predicted.getInt(i) == split.classes()[i]) correct++;
        return new double[]{loss, 100.0 * correct / split.size()};
    }

    /** As {@link #of}, in forward passes of {@code chunk} rows (conv activations of a whole split are large). */
    private static double[] chunked(Network net, Tensors split, int chunk) {
        double lossSum = 0;
        int correct = 0;
        for (int from = 0; from < split.size(); from += chunk) {
            int to = Math.min(split.size(), from + chunk);
            var rows = NDArrayIndex.interval(from, to);
            double[] sums = sums(net, split.features().get(rows, NDArrayIndex.all()), split.labels().get(rows, NDArrayIndex.all()),
                    split.classes(), from);
            lossSum += sums[0];
            correct += (int) sums[1];
        }
        return new double[]{lossSum / split.size(), 100.0 * correct / split.size()};
    }

    /**
     * Summed cross-entropy and the count of correct predictions of one forward pass over the rows {@code x}
     * with one-hot labels {@code y}, whose classes are {@code classes[from ..]}.
     */
    static double[] sums(Network net, INDArray x, INDArray y, int[] classes, int from) {
        INDArray probs = net.output(x);
        INDArray picked = probs.mul(y).sum(1);
        double loss = -Transforms.log(picked.addi(1e-12), false).sumNumber().doubleValue();
        INDArray predicted = probs.argMax(1);
        int correct = 0;
        for (int i = 0; i < x.rows(); i++) if (predicted.getInt(i) == classes[from + i]) correct++;
        return new double[]{loss, correct};
    }
}
