package lth.prune;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RatesTest {
    @Test
    @DisplayName("global pruning's one rate: the shared conv/fc rate (the engine's fc-else-conv pick), output left out or equal")
    void globalRateIsTheOneSharedRate() {
        assertThat(new Rates(0.2, 0.2, 0.0).globalRate()).isEqualTo(0.2);     // the committed VGG/ResNet files
        assertThat(new Rates(0.2, 0.0, 0.0).globalRate()).isEqualTo(0.2);     // fc layers left out
        assertThat(new Rates(0.0, 0.3, 0.0).globalRate()).isEqualTo(0.3);     // conv layers left out
        assertThat(new Rates(0.2, 0.2, 0.2).globalRate()).isEqualTo(0.2);     // output joins the threshold
    }

    @Test
    @DisplayName("global pruning with rates it would silently replace by one is an error naming them")
    void unequalRatesUnderGlobalScopeAreErrors() {
        assertThatThrownBy(() -> new Rates(0.2, 0.3, 0.0).globalRate()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv rate 0.2").hasMessageContaining("fc rate 0.3").hasMessageContaining("differ");
        assertThatThrownBy(() -> new Rates(0.2, 0.2, 0.1).globalRate()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output layer").hasMessageContaining("0.1");
        assertThatThrownBy(() -> new Rates(0.0, 0.0, 0.1).globalRate()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-zero conv or fc rate");
    }
}
