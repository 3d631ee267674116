package lth.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A built DL4J network, the weight tensors that pruning may act on, and the live mask map its
 * {@link MaskConstraint}s read after every update (filled by the trainer before fitting).
 */
public record Network(MultiLayerNetwork net, List<PrunableParam> prunable, Map<String, INDArray> masks) {

    /** Total weights of all prunable tensors: the denominator of Pm (biases excluded). */
    public long totalWeights() {
        return prunable.stream().mapToLong(PrunableParam::size).sum();
    }
}
