package lth.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Adam as DL4J configures it, with the update computed by a Java loop instead of libnd4j's
 * {@code adam_updater}, which runs a scalar loop (~24 ms per step for Conv-2's 4.3M weights on one
 * core). The loop walks the gradient and the two moments (DL4J's own state views, so the updater
 * state stays where DL4J keeps it) in chunks that fit the L1 cache: bulk-copy a chunk in, update it
 * in a loop the JIT vectorizes, bulk-copy it back. Same formula, same float operations in the same
 * order, same bias correction ({@link AdamCorrection}): bit-identical to {@link Adam} (tested in
 * {@code ChunkedAdamTest}); it falls back to ND4J's op for arrays it cannot address directly
 * (another backend, strided views). Networks built by {@link lth.model.Architectures} use it for "adam".
 */
public final class ChunkedAdam extends Adam {
    public ChunkedAdam() {
        super();
    }

    public ChunkedAdam(double learningRate) {
        super(learningRate);
    }

    public ChunkedAdam(ISchedule schedule) {
        super(schedule);
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        // as Adam.instantiate
        Updater u = new Updater(this);
        viewArray = viewArray.reshape(viewArray.length());
        long[] gradientShape = java.util.Arrays.copyOf(viewArray.shape(), viewArray.rank());
        gradientShape[0] /= 2;
        u.setStateViewArray(viewArray, gradientShape, viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> arrays, boolean initializeStateArrays) {
        Updater u = new Updater(this);
        u.setState(arrays, initializeStateArrays);
        return u;
    }

    @Override
    public ChunkedAdam clone() {
        ChunkedAdam c = new ChunkedAdam();
        c.setLearningRate(getLearningRate());
        c.setLearningRateSchedule(getLearningRateSchedule() == null ? null : getLearningRateSchedule().clone());
        c.setBeta1(getBeta1());
        c.setBeta2(getBeta2());
        c.setEpsilon(getEpsilon());
        return c;
    }

    /** DL4J's Adam updater with {@link #applyUpdater} computed in Java. */
    static final class Updater extends AdamUpdater {
        private static final int CHUNK = 2048;
        private final AdamCorrection correction;
        private final float[] g = new float[CHUNK], m = new float[CHUNK], v = new float[CHUNK];

        Updater(Adam config) {
            super(config);
            correction = new AdamCorrection(config.getBeta1(), config.getBeta2(), config.getEpsilon());
        }

        private static boolean direct(INDArray a) {
            return a.dataType() == DataType.FLOAT && a.elementWiseStride() == 1
                    && Buffers.cpu();
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            INDArray mState = getM(), vState = getV();
            if (mState == null || vState == null) throw new IllegalStateException("Updater has not been initialized with view state");
            if (!direct(gradient) || !direct(mState) || !direct(vState)
                    || gradient.length() != mState.length() || gradient.length() != vState.length()) {
                super.applyUpdater(gradient, iteration, epoch);
                return;
            }
            Adam c = getConfig();
            float lr = (float) c.getLearningRate(iteration, epoch);
            float epsT = correction.epsilonT(lr, iteration);
            float b1 = (float) c.getBeta1(), b2 = (float) c.getBeta2(), eps = (float) c.getEpsilon();
            float c1 = 1 - b1, c2 = 1 - b2;                   // libnd4j: (1 - beta) in T
            FloatBuffer gb = Buffers.of(gradient), mb = Buffers.of(mState), vb = Buffers.of(vState);
            int n = (int) gradient.length();
            float[] g = this.g, m = this.m, v = this.v;
            for (int start = 0; start < n; start += CHUNK) {
                int len = Math.min(CHUNK, n - start);
                gb.get(start, g, 0, len);
                mb.get(start, m, 0, len);
                vb.get(start, v, 0, len);
                for (int i = 0; i < len; i++) {
                    float gi = g[i];
                    float mi = b1 * m[i] + gi * c1;
                    float vi = b2 * v[i] + gi * gi * c2;
                    m[i] = mi;
                    v[i] = vi;
                    g[i] = (mi * epsT) / ((float) Math.sqrt(vi) + eps);
                }
                gb.put(start, g, 0, len);
                mb.put(start, m, 0, len);
                vb.put(start, v, 0, len);
            }
        }
    }
}
