package lth.data;

/**
 * Antialiased bilinear resampling as PIL's {@code Image.resize(..., BILINEAR)} (torchvision's
 * default for {@code Resize} and {@code RandomResizedCrop}) computes it: a triangle filter whose
 * support widens by the downscale factor, so a shrink averages every source pixel instead of
 * sampling four. Separable: rows first, then columns, as PIL. In float, without PIL's 8-bit
 * fixed-point coefficients and intermediate rounding, so values agree with PIL's to about one
 * grey level, not bit for bit.
 */
final class Resample {
    private Resample() { }

    /**
     * The filter of one axis: output {@code o} is {@code sum_k weights[o*stride+k] * src[first[o]+k]}
     * for {@code k < count[o]}.
     */
    record Axis(int[] first, int[] count, float[] weights, int stride) { }

    /**
     * Outputs {@code from .. from+n-1} of resizing the source pixels {@code start .. start+size-1}
     * of one axis to {@code outSize} pixels; the filter never reads outside that range (a crop is
     * resized as if cut out first, as torchvision's {@code resized_crop} does).
     */
    static Axis axis(int start, int size, int outSize, int from, int n) {
        double scale = (double) size / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale;                  // the triangle's support is 1 at scale 1
        int stride = (int) Math.ceil(support) * 2 + 1;
        int[] first = new int[n], count = new int[n];
        float[] weights = new float[n * stride];
        for (int o = 0; o < n; o++) {
            double center = (from + o + 0.5) * scale;
            int lo = Math.max((int) (center - support + 0.5), 0);
            int len = Math.min((int) (center + support + 0.5), size) - lo;
            double total = 0;
            double[] w = new double[len];
            for (int k = 0; k < len; k++) {
                double t = Math.abs((k + lo - center + 0.5) / filterScale);
                w[k] = t < 1 ? 1 - t : 0;
                total += w[k];
            }
            for (int k = 0; k < len; k++) weights[o * stride + k] = (float) (total == 0 ? 0 : w[k] / total);
            first[o] = start + lo;
            count[o] = len;
        }
        return new Axis(first, count, weights, stride);
    }

    /**
     * Resamples {@code img} with the column filter {@code ax} and the row filter {@code ay} into
     * {@code out} at {@code offset}, channel-major (C, H, W), values 0..255; mirrored left-right
     * when {@code flip}.
     */
    static void apply(JpegDecoder.Rgb img, Axis ax, Axis ay, boolean flip, float[] out, int offset) {
        int ow = ax.first().length, oh = ay.first().length;
        int rowLo = Integer.MAX_VALUE, rowHi = 0;
        for (int o = 0; o < oh; o++) {
            rowLo = Math.min(rowLo, ay.first()[o]);
            rowHi = Math.max(rowHi, ay.first()[o] + ay.count()[o]);
        }
        // horizontal pass over the source rows the vertical pass reads: rows × ow × 3
        float[] tmp = new float[(rowHi - rowLo) * ow * 3];
        byte[] src = img.rgb();
        for (int y = rowLo; y < rowHi; y++) {
            int srcRow = y * img.width() * 3, tmpRow = (y - rowLo) * ow * 3;
            for (int o = 0; o < ow; o++) {
                float r = 0, g = 0, b = 0;
                int base = ax.first()[o], wk = o * ax.stride();
                for (int k = 0; k < ax.count()[o]; k++) {
                    float w = ax.weights()[wk + k];
                    int p = srcRow + (base + k) * 3;
                    r += w * (src[p] & 0xff);
                    g += w * (src[p + 1] & 0xff);
                    b += w * (src[p + 2] & 0xff);
                }
                tmp[tmpRow + o * 3] = r;
                tmp[tmpRow + o * 3 + 1] = g;
                tmp[tmpRow + o * 3 + 2] = b;
            }
        }
        int plane = oh * ow;
        for (int o = 0; o < oh; o++) {
            int base = ay.first()[o] - rowLo, wk = o * ay.stride();
            for (int x = 0; x < ow; x++) {
                float r = 0, g = 0, b = 0;
                for (int k = 0; k < ay.count()[o]; k++) {
                    float w = ay.weights()[wk + k];
                    int p = ((base + k) * ow + x) * 3;
                    r += w * tmp[p];
                    g += w * tmp[p + 1];
                    b += w * tmp[p + 2];
                }
                int dst = offset + o * ow + (flip ? ow - 1 - x : x);
                out[dst] = r;
                out[dst + plane] = g;
                out[dst + 2 * plane] = b;
            }
        }
    }
}
