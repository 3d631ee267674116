package lth.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HolmTest {

    @Test
    void handComputedExample() {
        // sorted: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04 -> monotone 0.06
        double[] adj = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
        assertThat(adj[0]).isCloseTo(0.03, within(1e-12));
        assertThat(adj[1]).isCloseTo(0.06, within(1e-12));
        assertThat(adj[2]).isCloseTo(0.06, within(1e-12));
        assertThat(adj[3]).isCloseTo(0.02, within(1e-12));
    }

    @Test
    void cappedAtOneAndNanCountsAsOne() {
        assertThat(Holm.adjust(new double[] {0.5, 0.6})).containsExactly(1.0, 1.0);
        double[] adj = Holm.adjust(new double[] {0.01, Double.NaN});
        assertThat(adj[0]).isCloseTo(0.02, within(1e-12)); // the NaN comparison still counts in m
        assertThat(adj[1]).isEqualTo(1.0);
        assertThat(Holm.adjust(new double[0])).isEmpty();
    }
}
