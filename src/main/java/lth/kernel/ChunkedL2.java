package lth.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's L2 regularization ({@code l2}: {@code g ← coeff·w + g} before the updater) with the gradient
 * term computed by {@link MomentumKernels#l2} instead of an {@code axpy} op per parameter:
 * bit-identical ({@code MomentumKernelsTest}); the score term and non-dense arrays stay DL4J's.
 * Networks built by {@link lth.model.Architectures} use it for weight decay.
 */
public final class ChunkedL2 extends L2Regularization {
    public ChunkedL2(double l2) {
        super(l2);
    }

    public ChunkedL2(@JsonProperty("l2") ISchedule l2) {
        super(l2);
    }

    @Override
    public void apply(INDArray param, INDArray gradView, double lr, int iteration, int epoch) {
        if (!MomentumKernels.direct(param) || !MomentumKernels.direct(gradView) || param.length() != gradView.length()) {
            super.apply(param, gradView, lr, iteration, epoch);
            return;
        }
        MomentumKernels.l2(param, gradView, (float) l2.valueAt(iteration, epoch));
    }

    @Override
    public Regularization clone() {
        return new ChunkedL2(l2.clone());
    }
}
