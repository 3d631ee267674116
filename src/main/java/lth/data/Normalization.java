package lth.data;

/**
 * Per-channel standardization, {@code (x - mean[c]) / std[c]}. The statistics are fitted on the
 * training split only and then applied to every split, so that no validation or test information
 * leaks into preprocessing, and each dataset uses its own statistics (never MNIST's for CIFAR).
 */
public record Normalization(float[] mean, float[] std) {

    public Normalization {
        if (mean.length != std.length) throw new IllegalArgumentException("mean and std differ in length");
        mean = mean.clone();
        std = std.clone();
    }

    /** Population mean and standard deviation of each channel over all of {@code train}. */
    public static Normalization fit(Dataset train) {
        int c = train.channels();
        int plane = train.height() * train.width();
        double[] sum = new double[c];
        double[] sumSq = new double[c];
        float[] p = train.pixels();
        for (int i = 0; i < train.size(); i++)
            for (int ch = 0; ch < c; ch++) {
                int base = (i * c + ch) * plane;
                for (int k = 0; k < plane; k++) {
                    double v = p[base + k];
                    sum[ch] += v;
                    sumSq[ch] += v * v;
                }
            }
        double count = (double) train.size() * plane;
        float[] mean = new float[c];
        float[] std = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double m = sum[ch] / count;
            double var = Math.max(0, sumSq[ch] / count - m * m);
            mean[ch] = (float) m;
            // A constant channel has std 0; dividing by 1 instead keeps it finite (and constant).
            std[ch] = var > 0 ? (float) Math.sqrt(var) : 1f;
        }
        return new Normalization(mean, std);
    }

    /** Fits on {@code splits.train()} and applies to all three splits. */
    public static Splits fitOnTrainAndApply(Splits splits) {
        Normalization n = fit(splits.train());
        return new Splits(n.apply(splits.train()), n.apply(splits.validation()), n.apply(splits.test()));
    }

    /** A new dataset with every pixel standardized; the input is left unchanged. */
    public Dataset apply(Dataset d) {
        if (d.channels() != mean.length)
            throw new IllegalArgumentException(d.name() + " has " + d.channels() + " channels, normalization has "
                    + mean.length);
        int plane = d.height() * d.width();
        float[] in = d.pixels();
        float[] out = new float[in.length];
        for (int i = 0; i < d.size(); i++)
            for (int ch = 0; ch < mean.length; ch++) {
                int base = (i * mean.length + ch) * plane;
                for (int k = 0; k < plane; k++) out[base + k] = (in[base + k] - mean[ch]) / std[ch];
            }
        return new Dataset(d.name(), d.source() + ", " + describe(), d.channels(), d.height(), d.width(),
                d.numClasses(), out, d.labels());
    }

    @Override public float[] mean() { return mean.clone(); }

    @Override public float[] std() { return std.clone(); }

    /** For {@code source}: which statistics were applied. */
    public String describe() {
        StringBuilder sb = new StringBuilder("normalized with train mean/std");
        for (int ch = 0; ch < mean.length; ch++)
            sb.append(ch == 0 ? " " : "; ").append(String.format(java.util.Locale.ROOT, "%.4f/%.4f", mean[ch], std[ch]));
        return sb.toString();
    }
}
