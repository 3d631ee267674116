package lth.evaluation;

import lth.claim.ClaimFiles;
import lth.claim.ClaimSpec;
import lth.stats.Power;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code seeds_for_power} column of a pilot's verdicts, from which the confirmatory seed counts are set. */
class SeedsForPowerTest {

    @Test
    @DisplayName("seeds for power: relative effects on the log-ratio scale, a threshold comparison like any one-sample t, Holm's strictest step over m levels")
    void seedsForPower() {
        ClaimSpec lth1 = ClaimFiles.load(Path.of("claims", "LTH-1.yaml"));
        ClaimSpec.Comparison es = lth1.comparisons().get(0);
        assertThat(ResultsExport.seedsForPower(lth1, es, 0.354, 1))
                .isEqualTo(String.valueOf(Power.seedsFor(0.354, Math.log1p(es.minEffect()), 0.05, 0.8)));
        assertThat(Integer.parseInt(ResultsExport.seedsForPower(lth1, es, 0.354, 2)))
                .as("two levels plan at alpha/2: more seeds").isGreaterThan(Integer.parseInt(ResultsExport.seedsForPower(lth1, es, 0.354, 1)));

        ClaimSpec lmc1 = ClaimFiles.load(Path.of("claims", "LMC-1.yaml"));
        ClaimSpec.Comparison stable = lmc1.comparisons().get(0);
        assertThat(stable.threshold()).isTrue();
        assertThat(ResultsExport.seedsForPower(lmc1, stable, 0.2, 1)).isEqualTo(String.valueOf(Power.seedsFor(0.2, 1.0, 0.05, 0.8)));
        assertThat(ResultsExport.seedsForPower(lmc1, stable, Double.NaN, 1)).isEmpty();
        assertThat(ResultsExport.seedsForPower(lmc1, stable, 1e-9, 1)).isEqualTo("2");
        assertThat(ResultsExport.seedsForPower(lmc1, stable, 1e6, 1)).isEqualTo(">" + Power.MAX_SEEDS);
    }
}
