package lth.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import lth.model.LayerKind;
import lth.model.PrunableParam;
import org.junit.jupiter.api.Test;

/** The small value types of pruning: Mask's views, Scope's spelling, Rates' range and canonical form. */
class MaskValuesTest {
    private static final PrunableParam A = new PrunableParam("a_W", LayerKind.FC, new long[] {2, 2});
    private static final PrunableParam B = new PrunableParam("b_W", LayerKind.OUTPUT, new long[] {3});

    private static Mask mask() {
        return new Mask(List.of(new LayerMask(A, new float[] {1, 0, 1, 1}), new LayerMask(B, new float[] {0, 1, 0})));
    }

    @Test
    void maskViewsAreByKeyInLayerOrder() {
        Mask m = mask();
        assertThat(m.keptPerLayer()).containsExactly(Map.entry("a_W", 3L), Map.entry("b_W", 1L));
        assertThat(m.keepByKey().keySet()).containsExactly("a_W", "b_W");
        assertThat(m.keepByKey().get("b_W")).containsExactly(0f, 1f, 0f);
        assertThat(m.kept()).isEqualTo(4);
        assertThat(m.total()).isEqualTo(7);
        assertThat(m.pmPercent()).isEqualTo(100.0 * 4 / 7);
        assertThat(m.layer("b_W").param()).isEqualTo(B);
        assertThatThrownBy(() -> m.layer("c_W")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c_W");
    }

    @Test
    void keepLargestMayKeepEverySurvivorButNoMore() {
        LayerMask l = mask().layer("a_W");
        float[] w = {5, 9, -1, 2};
        assertThat(MagnitudePruning.keepLargest(l, w, 3).keep()).containsExactly(1f, 0f, 1f, 1f);
        assertThat(MagnitudePruning.keepLargest(l, w, 2).keep()).containsExactly(1f, 0f, 0f, 1f);
        assertThatThrownBy(() -> MagnitudePruning.keepLargest(l, w, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot keep 4 of 3 survivors");
    }

    @Test
    void scopeIsSpelledLowerCase() {
        assertThat(Scope.parse("layerwise")).isEqualTo(Scope.LAYERWISE);
        assertThat(Scope.parse("global")).isEqualTo(Scope.GLOBAL);
        assertThat(Scope.GLOBAL.label()).isEqualTo("global");
        assertThat(Scope.LAYERWISE).hasToString("layerwise");
        assertThatThrownBy(() -> Scope.parse("GLOBAL")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layerwise or global, got GLOBAL");
    }

    @Test
    void ratesLieInZeroToOne() {
        assertThat(new Rates(0, 0, 0).of(LayerKind.FC)).isZero();
        assertThatThrownBy(() -> new Rates(1.0, 0.2, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rates(0.1, -0.01, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Rates(0.1, 0.2, 0.05).canonical()).isEqualTo("conv=0.1,fc=0.2,out=0.05");
        assertThat(new Rates(0.1, 0.2, 0.05).of(LayerKind.SHORTCUT)).isZero();
    }
}
