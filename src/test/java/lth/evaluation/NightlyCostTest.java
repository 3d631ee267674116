package lth.evaluation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The nights and days of the cost table, simulated with the budget's rule. */
class NightlyCostTest {
    @Test
    @DisplayName("one runner: a run that does not fit waits for the next night; one longer than a night spans nights")
    void nights() {
        assertThat(NightlyCost.nights(new double[]{8, 8, 8}, 20)).as("the third run waits").isEqualTo(2);
        assertThat(NightlyCost.nights(new double[]{8, 8, 4}, 20)).isEqualTo(1);
        assertThat(NightlyCost.nights(new double[]{50}, 20)).as("checkpointed across three nights").isEqualTo(3);
        assertThat(NightlyCost.nights(new double[]{5, 50, 1}, 20)).as("5 + 15 of 50; 20; 15 + 1").isEqualTo(3);
        assertThat(NightlyCost.nights(new double[0], 20)).isZero();
    }

    @Test
    @DisplayName("N runners: every shard's job each day; fewer runners queue the jobs and a long workflow run delays the next")
    void days() {
        List<double[]> shards = List.of(new double[]{20}, new double[]{20}, new double[]{1});
        assertThat(NightlyCost.days(shards, 20, 3, 0.5)).isEqualTo(1);
        assertThat(NightlyCost.days(shards, 20, 2, 0.5)).as("the small job follows a big one: 22 h").isEqualTo(1);
        assertThat(NightlyCost.days(List.of(new double[]{20}, new double[]{20}, new double[]{20}), 20, 2, 0.5))
                .as("20.5 + 20.5 h on one runner: the next run starts a day later").isEqualTo(2);
        assertThat(NightlyCost.days(shards, 20, 1, 0.5)).as("42 h").isEqualTo(2);
        assertThat(NightlyCost.days(List.of(new double[]{30, 30}), 20, 1, 0.5)).as("30 spans, then 30 spans").isEqualTo(3);
    }
}
