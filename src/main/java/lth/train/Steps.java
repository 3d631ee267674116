package lth.train;

import lth.kernel.FastMlp;
import lth.model.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The two kinds of {@link Trainer.Step}, each with its optimizer state for checkpoints. */
final class Steps {
    private Steps() { }

    /** {@link FastMlp}'s step; its optimizer state lives in the step, not in the network. */
    static Trainer.Step fast(FastMlp f) {
        return new Trainer.Step() {
            @Override public void step(INDArray x, INDArray y) { f.step(x, y); }

            @Override public float[] updaterState() { return f.updaterState(); }

            @Override public void restoreUpdaterState(float[] state) {
                if (state.length != f.updaterState().length)
                    throw new Checkpoint.Mismatch("optimizer state of " + state.length + " values, the step keeps " + f.updaterState().length);
                f.restoreUpdaterState(state);
            }
        };
    }

    /** DL4J's {@code fit}, with the masks applied by the layers' constraints; the state is DL4J's updater view. */
    static Trainer.Step dl4j(Network network) {
        return new Trainer.Step() {
            @Override public void step(INDArray x, INDArray y) { network.fit(new DataSet(x, y)); }

            @Override public float[] updaterState() {
                INDArray v = network.updaterState();
                return v == null ? new float[0] : v.dup('c').data().asFloat();
            }

            @Override public void restoreUpdaterState(float[] state) {
                INDArray v = network.updaterState();
                long n = v == null ? 0 : v.length();
                if (state.length != n) throw new Checkpoint.Mismatch("optimizer state of " + state.length + " values, the network keeps " + n);
                if (n > 0) v.assign(Nd4j.create(state, v.shape(), 'c'));
            }
        };
    }
}
