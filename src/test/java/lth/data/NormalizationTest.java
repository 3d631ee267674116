package lth.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalizationTest {

    /** n examples of 2 channels x 2 pixels; channel 0 holds a, channel 1 holds b. */
    private static Dataset twoChannel(String name, float[] a, float[] b) {
        int n = a.length / 2;
        float[] px = new float[n * 4];
        for (int i = 0; i < n; i++) {
            px[i * 4] = a[2 * i];
            px[i * 4 + 1] = a[2 * i + 1];
            px[i * 4 + 2] = b[2 * i];
            px[i * 4 + 3] = b[2 * i + 1];
        }
        return new Dataset(name, "src", 2, 1, 2, 10, px, new int[n]);
    }

    @Test
    void statisticsArePerChannelAndFromTrainOnly() {
        Dataset train = twoChannel("train", new float[] {0, 2, 4, 6}, new float[] {1, 1, 1, 1});
        Dataset test = twoChannel("test", new float[] {100, 100}, new float[] {-5, 5});
        Splits s = Normalization.fitOnTrainAndApply(new Splits(train, train, test));
        Normalization n = Normalization.fit(train);
        assertThat(n.mean()).containsExactly(3f, 1f);
        assertThat(n.std()[0]).isCloseTo((float) Math.sqrt(5), within(1e-6f));
        assertThat(n.std()[1]).as("constant channel keeps a finite scale").isEqualTo(1f);
        // The test split is transformed with the train statistics, not its own.
        assertThat(s.test().pixels()[0]).isCloseTo((100 - 3) / (float) Math.sqrt(5), within(1e-4f));
        assertThat(s.test().pixels()[2]).isCloseTo(-6f, within(1e-6f));
        assertThat(s.train().source()).contains("normalized with train mean/std");
    }

    @Test
    void normalizedTrainHasZeroMeanUnitStdPerChannel() {
        Dataset train = twoChannel("train", new float[] {0.1f, 0.9f, 0.3f, 0.5f}, new float[] {0.2f, 0.4f, 0.8f, 0.6f});
        Dataset out = Normalization.fit(train).apply(train);
        Normalization again = Normalization.fit(out);
        for (int c = 0; c < 2; c++) {
            assertThat(again.mean()[c]).isCloseTo(0f, within(1e-6f));
            assertThat(again.std()[c]).isCloseTo(1f, within(1e-5f));
        }
    }

    @Test
    void applyLeavesItsInputUnchanged() {
        Dataset train = twoChannel("train", new float[] {0, 2}, new float[] {3, 5});
        float[] before = train.pixels().clone();
        Normalization.fit(train).apply(train);
        assertThat(train.pixels()).containsExactly(before);
    }
}
