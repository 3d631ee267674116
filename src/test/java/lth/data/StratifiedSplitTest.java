package lth.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

    /** 1000 examples with uneven classes: class c has 50 + 10c examples, shuffled order. */
    private static int[] labels() {
        int[] l = new int[50 * 10 + 10 * 45];
        int at = 0;
        for (int c = 0; c < 10; c++) for (int k = 0; k < 50 + 10 * c; k++) l[at++] = c;
        // Interleave deterministically so the input is not class-sorted.
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) out[(i * 7) % l.length] = l[i];
        return out;
    }

    private static int[] counts(int[] labels, int[] idx) {
        int[] c = new int[10];
        for (int i : idx) c[labels[i]]++;
        return c;
    }

    @Test
    void partsAreDisjointCoverAllAndHaveTheRequestedSizes() {
        int[] labels = labels();
        int[][] parts = StratifiedSplit.indices(labels, 10, new int[] {665, 95, 190}, 1);
        assertThat(parts[0]).hasSize(665);
        assertThat(parts[1]).hasSize(95);
        assertThat(parts[2]).hasSize(190);
        Set<Integer> seen = new HashSet<>();
        for (int[] p : parts) for (int i : p) assertThat(seen.add(i)).as("index %d in two parts", i).isTrue();
        assertThat(seen).hasSize(labels.length);
    }

    @Test
    void everyPartKeepsClassProportionsWithinRounding() {
        int[] labels = labels();
        int[] sizes = {665, 95, 190};
        int[][] parts = StratifiedSplit.indices(labels, 10, sizes, 1);
        int[] whole = counts(labels, java.util.stream.IntStream.range(0, labels.length).toArray());
        for (int p = 0; p < parts.length; p++) {
            int[] got = counts(labels, parts[p]);
            for (int c = 0; c < 10; c++) {
                double ideal = (double) whole[c] * sizes[p] / labels.length;
                // Largest remainder: within 1 of the ideal for the rounded parts, the last part
                // absorbs at most one rounding per earlier part.
                assertThat(Math.abs(got[c] - ideal)).as("part %d class %d", p, c).isLessThanOrEqualTo(parts.length - 1);
            }
        }
    }

    @Test
    void sameSeedGivesSameSplitAndOtherSeedADifferentOne() {
        int[] labels = labels();
        int[][] a = StratifiedSplit.indices(labels, 10, new int[] {800, 150}, 42);
        int[][] b = StratifiedSplit.indices(labels, 10, new int[] {800, 150}, 42);
        int[][] c = StratifiedSplit.indices(labels, 10, new int[] {800, 150}, 43);
        assertThat(a).isDeepEqualTo(b);
        assertThat(Arrays.equals(a[1], c[1])).isFalse();
    }

    @Test
    void classesAreInterleavedNotInBlocks() {
        int[] labels = labels();
        int[] part = StratifiedSplit.indices(labels, 10, new int[] {500, 450}, 3)[0];
        int changes = 0;
        for (int i = 1; i < part.length; i++) if (labels[part[i]] != labels[part[i - 1]]) changes++;
        assertThat(changes).isGreaterThan(part.length / 2);
    }

    @Test
    void splitDatasetsCarryTheChosenExamples() {
        float[] px = new float[6];
        for (int i = 0; i < 6; i++) px[i] = i;
        Dataset d = new Dataset("d", "src", 1, 1, 1, 2, px, new int[] {0, 1, 0, 1, 0, 1});
        Dataset[] parts = StratifiedSplit.split(d, new int[] {4, 2}, 5, "a", "b");
        assertThat(parts[0].name()).isEqualTo("a");
        assertThat(parts[1].source()).isEqualTo("src");
        assertThat(parts[1].labels()).containsExactlyInAnyOrder(0, 1);
        for (Dataset p : parts)
            for (int i = 0; i < p.size(); i++) assertThat(d.labels()[(int) p.pixels()[i]]).isEqualTo(p.labels()[i]);
    }

    @Test
    void sizesMustSumToTheDatasetSize() {
        assertThatThrownBy(() -> StratifiedSplit.indices(new int[10], 2, new int[] {5, 4}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 9, expected the dataset size 10");
    }
}
