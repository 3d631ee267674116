package lth.kernel;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** Which networks {@link FastMlp}'s step implements exactly: dense ReLU stacks with a softmax/cross-entropy output, one updater, no regularization. */
final class MlpCheck {
    private MlpCheck() { }

    /** Why {@code net} is not supported, or null. */
    static String unsupported(MultiLayerNetwork net) {
        int n = net.getnLayers();
        var c = net.getLayerWiseConfigurations();
        if (n < 1) return "no layers";
        if (c.getInputPreProcessors() != null && !c.getInputPreProcessors().isEmpty()) return "preprocessors";
        if (net.params().dataType() != DataType.FLOAT) return "not float";
        if (!Buffers.cpu()) return "not the CPU backend";
        IUpdater first = null;
        for (int i = 0; i < n; i++) {
            if (!c.getConf(i).isMiniBatch()) return "not minibatch";
            var l = c.getConf(i).getLayer();
            if (!(l instanceof BaseLayer bl)) return "layer " + i + " not a BaseLayer";
            if (i < n - 1 && !(l.getClass() == DenseLayer.class && bl.getActivationFn() instanceof ActivationReLU r
                    && r.getMax() == null && zeroOrNull(r.getThreshold()) && zeroOrNull(r.getNegativeSlope())
                    && ((DenseLayer) l).hasBias()))
                return "layer " + i + " not a dense ReLU layer with bias";
            if (i == n - 1 && !(l.getClass() == OutputLayer.class && bl.getActivationFn() instanceof ActivationSoftmax
                    && ((OutputLayer) l).getLossFn() instanceof LossMCXENT mc && mc.getWeights() == null
                    && ((OutputLayer) l).hasBias()))
                return "output not softmax + MCXENT with bias";
            if (bl.getIDropout() != null || bl.getWeightNoise() != null) return "dropout/weight noise";
            if ((bl.getRegularization() != null && !bl.getRegularization().isEmpty())
                    || (bl.getRegularizationBias() != null && !bl.getRegularizationBias().isEmpty()))
                return "regularization";
            if (bl.getGradientNormalization() != null
                    && bl.getGradientNormalization() != org.deeplearning4j.nn.conf.GradientNormalization.None)
                return "gradient normalization";
            IUpdater biasU = bl.getBiasUpdater() == null ? bl.getIUpdater() : bl.getBiasUpdater();
            if (first == null) first = bl.getIUpdater();
            if (!first.equals(bl.getIUpdater()) || !first.equals(biasU)) return "mixed updaters";
        }
        return null;
    }

    private static boolean zeroOrNull(Double d) { return d == null || d == 0.0; }
}
