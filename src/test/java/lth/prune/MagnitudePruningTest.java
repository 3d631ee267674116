package lth.prune;

import lth.model.LayerKind;
import lth.model.PrunableParam;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class MagnitudePruningTest {
    static final PrunableParam FC1 = new PrunableParam("0_W", LayerKind.FC, new long[]{40, 30});
    static final PrunableParam FC2 = new PrunableParam("1_W", LayerKind.FC, new long[]{30, 20});
    static final PrunableParam OUT = new PrunableParam("2_W", LayerKind.OUTPUT, new long[]{20, 10});
    static final List<PrunableParam> PARAMS = List.of(FC1, FC2, OUT);
    static final Rates LENET = new Rates(0, 0.2, 0.1);

    static Map<String, float[]> randomWeights(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return Map.of("0_W", gauss(r, 1200), "1_W", gauss(r, 600), "2_W", gauss(r, 200));
    }

    static float[] gauss(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (r.nextDouble() * 2 - 1);
        return a;
    }

    @Test
    @DisplayName("layer-wise pruning removes exactly the per-layer rate of the survivors, each round")
    void perLayerFractionsEqualTheRates() {
        Mask m = Mask.dense(PARAMS);
        for (int round = 1; round <= 5; round++) {
            Mask next = MagnitudePruning.layerwise(m, randomWeights(round), LENET);
            for (LayerMask l : next.layers()) {
                long before = m.layer(l.param().key()).kept();
                double rate = LENET.of(l.param().kind());
                assertThat(before - l.kept()).as("%s round %d", l.param().key(), round).isEqualTo(Math.round(rate * before));
            }
            m = next;
        }
        assertThat(m.layer("0_W").kept()).isEqualTo(Rates.survivors(1200, 0.2, 5));
        assertThat(m.layer("2_W").kept()).isEqualTo(Rates.survivors(200, 0.1, 5));
    }

    @Test
    @DisplayName("the weights removed are the smallest-magnitude survivors, and pruned weights never come back")
    void removesSmallestSurvivors() {
        Map<String, float[]> w = randomWeights(7);
        Mask once = MagnitudePruning.layerwise(Mask.dense(PARAMS), w, LENET);
        for (LayerMask l : once.layers()) {
            float[] ws = w.get(l.param().key());
            double maxPruned = 0, minKept = Double.MAX_VALUE;
            for (int i = 0; i < ws.length; i++)
                if (l.keep()[i] == 0f) maxPruned = Math.max(maxPruned, Math.abs(ws[i]));
                else minKept = Math.min(minKept, Math.abs(ws[i]));
            assertThat(maxPruned).isLessThanOrEqualTo(minKept);
        }
        Mask twice = MagnitudePruning.layerwise(once, randomWeights(8), LENET);   // other weights: still a subset
        for (LayerMask l : twice.layers())
            for (int i = 0; i < l.keep().length; i++)
                if (once.layer(l.param().key()).keep()[i] == 0f) assertThat(l.keep()[i]).isZero();
    }

    @Test
    @DisplayName("Pm is counted over all weights, including layers pruned at a lower rate")
    void pmOverAllWeights() {
        Mask m = MagnitudePruning.layerwise(Mask.dense(PARAMS), randomWeights(1), LENET);
        long kept = 960 + 480 + 180;
        assertThat(m.kept()).isEqualTo(kept);
        assertThat(m.total()).isEqualTo(2000);
        assertThat(m.pmPercent()).isEqualTo(100.0 * kept / 2000);
    }

    @Test
    @DisplayName("one-shot pruning reaches exactly the per-layer counts of IMP at the same round")
    void oneShotMatchesImpCounts() {
        Map<String, float[]> w = randomWeights(3);
        Mask imp = Mask.dense(PARAMS);
        for (int r = 0; r < 4; r++) imp = MagnitudePruning.layerwise(imp, randomWeights(10 + r), LENET);
        Mask oneShot = MagnitudePruning.oneShot(Mask.dense(PARAMS), w, LENET, 4);
        assertThat(oneShot.keptPerLayer()).isEqualTo(imp.keptPerLayer());
    }

    @Test
    @DisplayName("global pruning uses one threshold across layers and never touches a layer of rate 0")
    void globalPruning() {
        Rates rates = new Rates(0, 0.2, 0);        // output excluded
        Map<String, float[]> w = randomWeights(5);
        Mask g = MagnitudePruning.global(Mask.dense(PARAMS), w, rates, 0.2);
        assertThat(g.layer("2_W").kept()).isEqualTo(200);
        assertThat((1200 + 600) - (g.layer("0_W").kept() + g.layer("1_W").kept())).isEqualTo(Math.round(0.2 * 1800));
        double maxPruned = 0, minKept = Double.MAX_VALUE;
        for (String k : List.of("0_W", "1_W"))
            for (int i = 0; i < w.get(k).length; i++)
                if (g.layer(k).keep()[i] == 0f) maxPruned = Math.max(maxPruned, Math.abs(w.get(k)[i]));
                else minKept = Math.min(minKept, Math.abs(w.get(k)[i]));
        assertThat(maxPruned).as("one threshold across layers").isLessThanOrEqualTo(minKept);
    }

    @Test
    @DisplayName("the random-pruning control has the same per-layer counts as IMP, at other positions")
    void randomPruningSameCounts() {
        Mask imp = MagnitudePruning.layerwise(Mask.dense(PARAMS), randomWeights(2), LENET);
        Mask rnd = RandomPruning.sameCounts(imp, 99);
        assertThat(rnd.keptPerLayer()).isEqualTo(imp.keptPerLayer());
        assertThat(rnd.layer("0_W").keep()).isNotEqualTo(imp.layer("0_W").keep());
        assertThat(RandomPruning.sameCounts(imp, 99).layer("0_W").keep()).isEqualTo(rnd.layer("0_W").keep());
    }
}
