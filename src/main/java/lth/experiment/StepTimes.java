package lth.experiment;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Wall seconds per training iteration, measured on this project's 2-core CPU machine, for estimating
 * what a plan costs before it runs. An <b>estimate</b>: one number per model, width, batch and input
 * size, taken from the measurements cited in each row; evaluation, data order and the load of the
 * machine move real runs by tens of percent. A setup with no measured row has no estimate (nothing is
 * extrapolated: small networks are dominated by per-step overhead, so scaling by FLOPs misleads by 10x).
 * The dropout variant of a model counts as the model; VGG-11 and VGG-16 as VGG-19 (an upper bound).
 */
public final class StepTimes {
    private StepTimes() { }

    /** One measured configuration: seconds per iteration of a run, and where the number comes from. */
    public record Row(String model, double width, int batch, int pixels, double secondsPerIteration, String source) { }

    private static final int GRAY_28 = 28 * 28, COLOR_32 = 3 * 32 * 32;

    /** The measured rows (one OMP thread per run, the pom's engine and malloc settings). */
    public static final List<Row> ROWS = List.of(
            new Row("lenet-300-100", 1.0, 60, GRAY_28, 0.0026,
                    "quick runs on mnist-10k: median train_seconds/iterations of 280 runs, two at a time, evaluation included"),
            new Row("vgg-19", 0.125, 64, GRAY_28, 0.134,
                    "reduced-tier pilot on fashion-mnist: median of 45 runs (reports/reduced/*.pilot.csv), evaluation included"),
            new Row("vgg-19", 0.25, 64, COLOR_32, 0.163, "step bench (README, Speed): training step only"),
            new Row("vgg-19", 1.0, 64, COLOR_32, 1.3, "step bench (docs/nightly.md): training step only"),
            new Row("conv-2", 1.0, 60, COLOR_32, 0.192, "step bench (README, Speed): training step only"),
            new Row("conv-4", 1.0, 60, COLOR_32, 0.28, "StepTimeProbe (docs/nightly.md, cost table): training step only, "
                    + "wall median at load 17-19, conv-2 measured alongside at 0.187"),
            new Row("conv-6", 1.0, 60, COLOR_32, 0.33, "StepTimeProbe (docs/nightly.md, cost table): training step only, "
                    + "wall median at load 17-19, conv-2 measured alongside at 0.187"),
            new Row("resnet-20", 1.0, 128, COLOR_32, 0.6, "step bench (docs/nightly.md): training step only"),
            new Row("conv-2", 0.25, 60, GRAY_28, 0.0295,
                    "reduced-tier pilot on fashion-mnist@10000 (LTH-6): median of 15 runs (reports/reduced/LTH-6.pilot.csv), "
                    + "two at a time, evaluation included"),
            new Row("conv-4", 0.25, 60, GRAY_28, 0.092,
                    "reduced-tier pilot on fashion-mnist@10000 (LTH-7): median of 9 runs (reports/reduced/LTH-7.pilot.csv), "
                    + "two at a time, evaluation included; DL4J's oneDNN 2.3 convolutions (before lth.kernel.DnnlConv)"),
            new Row("conv-6", 0.25, 60, GRAY_28, 0.069,
                    "reduced-tier pilot on fashion-mnist@10000 (LTH-8): median of 9 runs (reports/reduced/LTH-8.pilot.csv), "
                    + "two at a time beside test builds and benchmarks, evaluation included; on the blocked layout"),
            new Row("conv-2-dropout", 0.25, 60, GRAY_28, 0.053,
                    "reduced-tier pilot on fashion-mnist@10000 (LTH-9): median of 9 runs (reports/reduced/LTH-9.pilot.csv), "
                    + "two at a time beside benchmarks and test builds, evaluation included; before the blocked layout"),
            new Row("resnet-20", 0.25, 128, GRAY_28, 0.43,
                    "reduced-tier pilot on fashion-mnist@10000 (LTH-14): median of 18 runs (reports/reduced/LTH-14.pilot.csv), "
                    + "two at a time beside other builds, evaluation included"));

    /** The input size of a dataset id, in values per example. */
    static int pixels(String dataset) {
        return switch (lth.data.DataCatalog.base(dataset)) {
            case "cifar10" -> COLOR_32;
            case "imagenet" -> 3 * 224 * 224;
            default -> GRAY_28;
        };
    }

    static String family(String model) {
        String m = model.toLowerCase(Locale.ROOT).replace("-dropout", "");
        return m.equals("vgg-11") || m.equals("vgg-16") ? "vgg-19" : m;
    }

    /**
     * The measured row for a setup's model, width, batch and input size, if there is one: the model's own row first,
     * else its family's (a dropout Conv-N as its Conv-N, VGG-11/16 as VGG-19).
     */
    public static Optional<Row> row(Setup s) {
        String name = s.model().name().toLowerCase(Locale.ROOT);
        return row(s, name).or(() -> row(s, family(name)));
    }

    private static Optional<Row> row(Setup s, String model) {
        return ROWS.stream().filter(r -> r.model().equals(model) && r.width() == s.model().width()
                && r.batch() == s.train().batch() && r.pixels() == pixels(s.dataset())).findFirst();
    }

    /** The iterations a run trains: θ_k runs to k, rewound runs from k, the others all of their setup's. */
    public static int iterations(RunSpec spec) {
        return spec.rewind() > 0 && spec.level() == 0 ? spec.rewind() : spec.setup().train().iterations() - spec.rewind();
    }

    /** Estimated seconds to train one run of a spec (θ_k runs train to k, rewound runs from k), if measured. */
    public static Optional<Double> seconds(RunSpec spec) {
        return row(spec.setup()).map(r -> r.secondsPerIteration() * iterations(spec));
    }

    /** Estimated seconds per full run of a setup, if measured. */
    public static Optional<Double> seconds(Setup s) {
        return row(s).map(r -> r.secondsPerIteration() * s.train().iterations());
    }

    /**
     * The wall time of {@code runs} runs of {@code perRun} seconds on {@code workers} workers when at most
     * {@code chains} of them can run at once (the runs of one seed form a chain: each level prunes the last).
     */
    public static double wall(int runs, double perRun, int workers, int chains) {
        return runs * perRun / Math.max(1, Math.min(workers, chains));
    }

    /** "3.9s", "45s", "12m30s", "3h05m", "2.1 days". */
    public static String format(double seconds) {
        if (Double.isNaN(seconds)) return "?";
        if (seconds < 9.95) return "%.1fs".formatted(seconds);
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return "%dm%02ds".formatted(s / 60, s % 60);
        if (s < 48 * 3600) return "%dh%02dm".formatted(s / 3600, s % 3600 / 60);
        return "%.1f days".formatted(seconds / 86400);
    }
}
