package lth.model;

import lth.kernel.MomentumKernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Map;
import java.util.Objects;

/**
 * SGD with plain (heavy-ball) momentum, as in PyTorch's {@code SGD(momentum=m)} and TensorFlow's
 * {@code MomentumOptimizer}: {@code v ← m·v + g; w ← w − lr·v}. DL4J 1.0.0-M2.1 only has
 * {@code Sgd} (no momentum) and {@code Nesterovs} (Nesterov momentum, with lr folded into v).
 * The learning rate multiplies v at use, so a schedule change takes effect at once.
 * L2 regularization (DL4J {@code l2}) is added to g before this updater runs. The update runs as
 * a Java loop ({@link MomentumKernels#momentum}, bit-identical to the ND4J ops below it, which remain
 * for arrays the loop cannot address).
 */
public final class Momentum implements IUpdater {
    @JsonProperty private double learningRate;
    @JsonProperty private ISchedule learningRateSchedule;
    @JsonProperty private double momentum;

    public Momentum() { }

    public Momentum(double learningRate, ISchedule schedule, double momentum) {
        this.learningRate = learningRate;
        this.learningRateSchedule = schedule;
        this.momentum = momentum;
    }

    public double getMomentum() { return momentum; }

    @Override public long stateSize(long numParams) { return numParams; }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> state, boolean initializeStateArrays) {
        Updater u = new Updater(this);
        u.setState(state, initializeStateArrays);
        return u;
    }

    @Override public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override public boolean hasLearningRate() { return true; }

    @Override public void setLrAndSchedule(double lr, ISchedule schedule) {
        this.learningRate = lr;
        this.learningRateSchedule = schedule;
    }

    @Override
    public IUpdater clone() {
        return new Momentum(learningRate, learningRateSchedule == null ? null : learningRateSchedule.clone(), momentum);
    }

    @Override public boolean equals(Object o) {
        return o instanceof Momentum m && m.learningRate == learningRate && m.momentum == momentum
                && Objects.equals(m.learningRateSchedule, learningRateSchedule);
    }

    @Override public int hashCode() { return Objects.hash(learningRate, momentum, learningRateSchedule); }

    /** The per-block state: the velocity v, a view of DL4J's updater state array. */
    static final class Updater implements GradientUpdater<Momentum> {
        private final Momentum config;
        private INDArray v;

        Updater(Momentum config) { this.config = config; }

        @Override public Momentum getConfig() { return config; }

        @Override public void setState(Map<String, INDArray> state, boolean initialize) {
            v = state.get("V");
            if (v == null) throw new IllegalStateException("momentum state needs key V");
            if (initialize) v.assign(0);
        }

        @Override public Map<String, INDArray> getState() { return Map.of("V", v); }

        @Override public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            if (initialize) viewArray.assign(0);
            v = viewArray.reshape(gradientOrder, gradientShape);
        }

        /** Turns the gradient (in place) into the update that DL4J subtracts from the parameters. */
        @Override public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            double lr = config.getLearningRate(iteration, epoch);
            if (config.momentum == 0) {
                gradient.muli(lr);
                return;
            }
            if (MomentumKernels.direct(gradient) && MomentumKernels.direct(v) && gradient.length() == v.length()) {
                MomentumKernels.momentum(gradient, v, (float) config.momentum, (float) lr);
                return;
            }
            v.muli(config.momentum).addi(gradient);
            gradient.assign(v).muli(lr);
        }
    }
}
