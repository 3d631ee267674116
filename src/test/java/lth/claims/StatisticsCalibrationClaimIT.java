package lth.claims;

import lth.claim.ClaimArguments;
import lth.claim.ClaimFiles;
import lth.claim.ClaimSpec;
import lth.claim.Profiles;
import lth.report.AllureClaimReport;
import lth.stats.Calibration;
import lth.stats.Direction;
import lth.stats.Hypothesis;
import lth.stats.Kind;
import lth.stats.PrimaryTest;
import org.junit.jupiter.api.DisplayName;
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
        for (ClaimSpec c : ClaimFiles.loadAll(ClaimFiles.directory()).values()) seedCounts.add(c.profiles().get(profile).seeds());
        StringBuilder table = new StringBuilder("| seeds | A/A REPRODUCED rate (paired t, 2000 claims) | A/A rate, family of 2 levels with Holm |\n|---|---|---|\n");
        Hypothesis h = new Hypothesis(Kind.SUPERIORITY, Direction.GREATER, false, 0, 0.005, 0, 0.05, 0.8, PrimaryTest.PAIRED_T);
        for (int n : seedCounts) {
            double single = Calibration.falsePositiveRate(n, 2000, 20261128L + n, h);
            double family = Calibration.familyFalsePositiveRate(n, 1000, 2, 7L + n, h);
            table.append("| %d | %.4f | %.4f |%n".formatted(n, single, family));
            // alpha plus three binomial standard errors of 2000 draws: a calibrated test stays under this
            assertThat(single).as("A/A false-positive rate with %d seeds", n).isLessThanOrEqualTo(0.05 + 3 * Math.sqrt(0.05 * 0.95 / 2000));
        }
        int[] ns = seedCounts.stream().mapToInt(Integer::intValue).toArray();
        String power = Calibration.powerTable(ns, new double[]{0.5, 1, 1.5, 2, 3}, 0.05);
        System.out.println(table);
        System.out.println(power);
        AllureClaimReport.description("""
                Every claim case is a one-sided paired test (or a TOST for negative claims) over seeds, with Holm's
                correction across the levels of a comparison. A case is REPRODUCED only when the test rejects at
                alpha 0.05; when it does not, it is NOT REPRODUCED only if the seeds had power >= 0.8 to see the
                smallest effect the claim asserts, else INCONCLUSIVE.

                **False positives (identical arms), simulated for the seed counts of the %s profile:**

                %s

                **Power of the one-sided paired t (alpha 0.05) by seed count and standardized effect dz = effect / sd of the differences:**

                %s
                """.formatted(profile, table, power));
        AllureClaimReport.attachText("A/A false-positive rates", table.toString());
        AllureClaimReport.attachText("power table", power);
    }
}
