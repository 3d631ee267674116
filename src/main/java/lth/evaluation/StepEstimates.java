package lth.evaluation;

import lth.experiment.Setup;
import lth.experiment.StepTimes;

import java.util.List;
import java.util.Optional;

/**
 * Seconds per training iteration of a setup before anything is measured on the runner: the CPU step times
 * measured on this project's machine ({@link StepTimes}), one row extrapolated from a measurement at
 * another batch, and GPU step times <b>scaled</b> from the CPU ones (no GPU has run here):
 * {@code gpu = max(cpu / }{@value #GPU_SPEEDUP}{@code , }{@value #GPU_FLOOR}{@code  s)}. The factor is the
 * ratio of the fp32 rate assumed for one data-center GPU of the V100 / A10 class in DL4J's cuDNN path,
 * about 5 TFLOP/s, to the rate the measured CPU core reaches, about 120 GFLOP/s (VGG-19 for CIFAR is
 * 0.40 GMAC per image forward, so a training step at batch 64 is about 153 GFLOP, measured at 1.3 s); the
 * floor is kernel launches (a step is 40 to a few hundred native ops of ~10 µs). Real GPUs differ by
 * 2-3× either way; the budget planner uses the pace it measures on the runner as soon as it has one.
 */
public final class StepEstimates {
    private StepEstimates() { }

    public static final double GPU_SPEEDUP = 40, GPU_FLOOR = 0.002;

    /** Seconds per iteration, whether it was measured (else an estimate), and where it comes from. */
    public record Step(double seconds, boolean measured, String source) { }

    /** ResNet-50 at 224×224: 2.3 s per step at batch 8 (StepTimeProbe, thread CPU, docs/nightly.md), linear in batch. */
    static final List<StepTimes.Row> EXTRAPOLATED = List.of(
            new StepTimes.Row("resnet-50", 1.0, 1024, 3 * 224 * 224, 2.3 / 8 * 1024,
                    "extrapolated linearly in batch from StepTimeProbe's 2.3 s per step at batch 8 (thread CPU)"));

    /** One CPU core: the measured row, else an extrapolated one, if there is either. */
    public static Optional<Step> cpu(Setup s) {
        Optional<StepTimes.Row> measured = StepTimes.row(s);
        if (measured.isPresent()) return measured.map(r -> new Step(r.secondsPerIteration(), true, r.source()));
        return EXTRAPOLATED.stream().filter(r -> r.model().equals(s.model().name()) && r.width() == s.model().width()
                        && r.batch() == s.train().batch() && "imagenet".equals(lth.data.DataCatalog.base(s.dataset())))
                .findFirst().map(r -> new Step(r.secondsPerIteration(), false, r.source()));
    }

    /** One GPU: scaled from the CPU step (an estimate, never measured here). */
    public static Optional<Step> gpu(Setup s) {
        return cpu(s).map(c -> new Step(Math.max(c.seconds() / GPU_SPEEDUP, GPU_FLOOR), false,
                "scaled from the CPU step (÷" + (int) GPU_SPEEDUP + ", at least " + (int) (GPU_FLOOR * 1000) + " ms)"));
    }

    /** For the backend in use: GPU-scaled on a GPU, the CPU table on the CPU. */
    public static Optional<Step> here(Setup s, boolean gpu) { return gpu ? gpu(s) : cpu(s); }
}
