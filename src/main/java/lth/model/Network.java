package lth.model;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;
import java.util.Map;

/**
 * A built DL4J network, the weight tensors that pruning may act on, and the live mask map its
 * {@link MaskConstraint}s read after every update (filled by the trainer before fitting).
 *
 * <p>{@code net} is a {@link MultiLayerNetwork} (LeNet, Conv-N, VGG) or a {@link ComputationGraph}
 * (ResNet); both share {@link Model#getParam(String)}, {@link Model#params()} and
 * {@link Model#paramTable()}. The methods below cover what the two do not share.
 */
public record Network(Model net, List<PrunableParam> prunable, Map<String, INDArray> masks) {

    /** Total weights of all prunable tensors: the denominator of Pm (biases excluded). */
    public long totalWeights() {
        return prunable.stream().mapToLong(PrunableParam::size).sum();
    }

    /** One training step (one minibatch). */
    public void fit(DataSet batch) {
        if (net instanceof MultiLayerNetwork m) m.fit(batch);
        else ((ComputationGraph) net).fit(batch);
    }

    /** Inference-mode output (dropout off, batch norm on running statistics). */
    public INDArray output(INDArray features) {
        if (net instanceof MultiLayerNetwork m) return m.output(features, false);
        return ((ComputationGraph) net).outputSingle(false, features);
    }

    /** The iteration counter the updater's learning-rate schedule reads. */
    public int iterationCount() {
        return net instanceof MultiLayerNetwork m ? m.getLayerWiseConfigurations().getIterationCount()
                : ((ComputationGraph) net).getConfiguration().getIterationCount();
    }

    /** Sets the iteration counter, so that a learning-rate schedule resumes at {@code iteration}. */
    public void setIterationCount(int iteration) {
        if (net instanceof MultiLayerNetwork m) m.getLayerWiseConfigurations().setIterationCount(iteration);
        else ((ComputationGraph) net).getConfiguration().setIterationCount(iteration);
    }

    /**
     * DL4J's optimizer state (momentum buffers, Adam moments) as one flat view, its updater created if the
     * network has not trained yet (as its first {@code fit} would); null when the updater keeps no state.
     */
    public INDArray updaterState() {
        return net instanceof MultiLayerNetwork m ? m.updaterState() : ((ComputationGraph) net).updaterState();
    }

    /** Whether any layer has dropout (which draws random numbers during training). */
    public boolean usesDropout() {
        if (net instanceof MultiLayerNetwork m) {
            for (var l : m.getLayers()) if (l.conf().getLayer().getIDropout() != null) return true;
            return false;
        }
        for (var l : ((ComputationGraph) net).getLayers()) if (l.conf().getLayer().getIDropout() != null) return true;
        return false;
    }

    /** Rows per evaluation forward pass: whole split (0) for fully-connected nets, chunks for conv nets. */
    public int evalBatch() {
        return prunable.stream().anyMatch(p -> p.kind() == LayerKind.CONV) ? 500 : 0;
    }
}
