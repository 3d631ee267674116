package lth.experiment;

import lth.data.TrainingData;
import lth.model.Architectures;
import lth.model.Network;
import lth.train.Trainer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Linear mode connectivity (Frankle et al., ICML 2020): the test error along the line between two
 * copies trained from the same weights with different data orders, and the instability = the
 * largest error on the line minus the mean of the two endpoints' errors (percentage points).
 */
public final class Instability {
    private Instability() { }

    public static final int POINTS = 30;

    /** Test error (percent) at {@link #POINTS} evenly spaced α in [0, 1] of α·w1 + (1-α)·w2. */
    public static double[] errorAlongLine(Setup s, TrainingData data, float[] w1, float[] w2) {
        if (w1.length != w2.length) throw new IllegalArgumentException("parameter vectors of different length");
        Network net = Architectures.build(s.model(), s.optimizer(), 0, data.channels(), data.height(), data.width(), data.classes());
        double[] error = new double[POINTS];
        float[] w = new float[w1.length];
        for (int i = 0; i < POINTS; i++) {
            double alpha = i / (double) (POINTS - 1);
            for (int j = 0; j < w.length; j++) w[j] = (float) (alpha * w1[j] + (1 - alpha) * w2[j]);
            net.net().setParams(Nd4j.create(w, new long[]{1, w.length}, 'c'));
            error[i] = 100.0 - Trainer.testAccuracy(net, data);
        }
        return error;
    }

    public static double of(double[] errorAlongLine) {
        double max = Double.NEGATIVE_INFINITY;
        for (double e : errorAlongLine) max = Math.max(max, e);
        return max - (errorAlongLine[0] + errorAlongLine[errorAlongLine.length - 1]) / 2;
    }
}
