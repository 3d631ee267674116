package lth.claims;

import lth.claim.ClaimDirectory;
import lth.claim.ClaimFiles;
import lth.claim.ClaimSpec;
import lth.claim.Profiles;
import lth.stats.Calibration;
import lth.stats.Direction;
import lth.stats.Hypothesis;
import lth.stats.Kind;
import lth.stats.PrimaryTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics behind every verdict, calibrated for the seed counts the active profile uses: the
 * rate of REPRODUCED verdicts when both arms are the same (A/A, must stay at or below alpha) and the
 * power table, written into the report next to the claims. Runs once per build: in a nightly shard only
 * when {@code -Dlth.claims.only} lists CAL-1 (zero invocations elsewhere, so merged shards hold one copy).
 */
@Tag("cal")
@DisplayName("Statistics calibration")
class StatisticsCalibrationClaimIT {

    static Stream<String> profileIfSelected() {
        return ClaimArguments.calibrationSelected() ? Stream.of(Profiles.active()) : Stream.empty();
    }

    @ParameterizedTest(name = "{0} profile", allowZeroInvocations = true)
    @MethodSource("profileIfSelected")
    @DisplayName("A/A simulations call a claim reproduced at most alpha of the time, for every seed count in use")
    void falsePositiveRateAtMostAlpha(String profile) {
        AllureClaimReport.labels("Statistics", "CAL-1", "verdicts are calibrated", "paired t and TOST (" + profile + ")");
        TreeSet<Integer> seedCounts = new TreeSet<>();
        // The claims whose files load (a malformed file errors its own claim, not this one) and have this scale.
        for (ClaimSpec c : ClaimDirectory.scan(ClaimFiles.directory()).claims().values())
            if (c.has(profile)) seedCounts.add(c.profiles().get(profile).seeds());
        StringBuilder table = new StringBuilder("| seeds | A/A REPRODUCED rate (paired t, 2000 claims) | A/A rate, family of 2 levels with Holm |\n|---|---|---|\n");
        Hypothesis h = new Hypothesis(Kind.SUPERIORITY, Direction.GREATER, false, 0, 0.005, 0, 0.05, 0.8, PrimaryTest.PAIRED_T);
        for (int n : seedCounts) {
            double single = Calibration.falsePositiveRate(n, 2000, 20261128L + n, h);
            double family = Calibration.familyFalsePositiveRate(n, 1000, 2, 7L + n, h);
            table.append("| %d | %.4f | %.4f |%n".formatted(n, single, family));
            // alpha plus three binomial standard errors of 2000 draws: a calibrated test stays under this
            assertThat(single).as("A/A false-positive rate with %d seeds", n).isLessThanOrEqualTo(0.05 + 3 * Math.sqrt(0.05 * 0.95 / 2000));
        }
        // The three-outcome rule at min_effect = 1 sd of the differences: planned seeds and too few.
        Hypothesis claimed = new Hypothesis(Kind.SUPERIORITY, Direction.GREATER, false, 0, Calibration.SD_DIFF, 0, 0.05,
                0.8, PrimaryTest.PAIRED_T);
        int planned = Calibration.plannedSeeds(claimed);
        Calibration.Rates effect = Calibration.rates(planned, 1.5 * Calibration.SD_DIFF, 2000, 31L, claimed);
        Calibration.Rates none = Calibration.rates(planned, 0, 2000, 32L, claimed);
        Calibration.Rates few = Calibration.rates(3, 0, 2000, 33L, claimed);
        String outcomes = ("| seeds | true difference | REPRODUCED | NOT REPRODUCED | INCONCLUSIVE |%n|---|---|---|---|---|%n"
                + "| %d (planned) | 1.5 x min_effect | %.3f | %.3f | %.3f |%n| %d (planned) | 0 | %.3f | %.3f | %.3f |%n"
                + "| 3 | 0 | %.3f | %.3f | %.3f |%n").formatted(planned, effect.reproduced(), effect.notReproduced(),
                effect.inconclusive(), planned, none.reproduced(), none.notReproduced(), none.inconclusive(),
                few.reproduced(), few.notReproduced(), few.inconclusive());
        assertThat(effect.reproduced()).as("REPRODUCED at 1.5 x min_effect, planned seeds").isGreaterThanOrEqualTo(0.8);
        assertThat(none.notReproduced()).as("NOT REPRODUCED at a true 0, planned seeds")
                .isGreaterThanOrEqualTo(0.8 - 3 * Math.sqrt(0.8 * 0.2 / 2000));
        assertThat(few.inconclusive()).as("too few seeds: INCONCLUSIVE, not NOT REPRODUCED").isGreaterThan(few.notReproduced());
        table.append(System.lineSeparator()).append(outcomes);
        int[] ns = seedCounts.stream().mapToInt(Integer::intValue).toArray();
        String power = Calibration.powerTable(ns, new double[]{0.5, 1, 1.5, 2, 3}, 0.05);
        System.out.println(table);
        System.out.println(power);
        AllureClaimReport.description("""
                Every claim case is a one-sided paired test (or a TOST for negative claims) over seeds, with Holm's
                correction across the levels of a comparison. A case is REPRODUCED when the test against the margin
                rejects at alpha 0.05; NOT REPRODUCED when the data reject an effect as large as the claim's
                min_effect (the one-sided upper bound at the comparison's Holm level lies below it; for TOST, the
                bounds lie outside the equivalence bound); otherwise INCONCLUSIVE. Power is shown, never the rule.

                **False positives (identical arms), simulated for the seed counts of the %s profile, and the three
                outcomes at min_effect = 1 sd of the differences (seeds planned for 0.8 both ways, and 3 seeds):**

                %s

                **Power of the one-sided paired t (alpha 0.05) by seed count and standardized effect dz = effect / sd of the differences:**

                %s
                """.formatted(profile, table, power));
        AllureClaimReport.attachText("A/A false-positive rates", table.toString());
        AllureClaimReport.attachText("power table", power);
    }
}
