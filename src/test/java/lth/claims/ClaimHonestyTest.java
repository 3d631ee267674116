package lth.claims;

import lth.claim.ClaimCase;
import lth.claim.ClaimFileException;
import lth.claim.ClaimFiles;
import lth.claim.ClaimPlan;
import lth.claim.ClaimSpec;
import lth.claim.Metric;
import lth.claim.ProfileClaim;
import lth.claim.Side;
import lth.evaluation.ClaimResult;
import lth.evaluation.Measurements;
import lth.experiment.Arm;
import lth.experiment.Outcome;
import lth.experiment.RunSpec;
import lth.experiment.Setup;
import lth.stats.PairedResult;
import lth.stats.Verdict;
import lth.train.RunMetrics;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Guards the honesty of the claim tests: no claim test can pass without running its comparison.
 * Zero cases, an empty or partial sample, a missing arm, a skipped claim or an inconclusive result
 * must each fail or skip the test, never pass it.
 */
class ClaimHonestyTest {
    static final ClaimSpec LTH3 = ClaimFiles.load(Path.of("claims", "LTH-3.yaml"));
    static final String PROFILE = "quick";
    static final ProfileClaim QUICK = ProfileClaim.of(LTH3, PROFILE);
    static final Setup SETUP = QUICK.setup();
    static final List<Long> SEEDS = List.of(1L, 2L, 3L, 4L, 5L);
    static final ClaimPlan PLAN = ClaimPlan.of(QUICK, SEEDS);
    static final ClaimCase CASE = new ClaimCase(LTH3, PROFILE, 0, 6, QUICK.pm(6));
    final ClaimSession session = new ClaimSession();

    @Test
    @DisplayName("every comparison of every committed claim file has at least one case in every profile")
    void everyComparisonHasCasesInEveryProfile() {
        var all = ClaimFiles.loadAll(Path.of("claims"));
        assertThat(all).isNotEmpty();
        for (ClaimSpec c : all.values())
            for (String profile : ClaimFiles.PROFILES) {
                List<ClaimCase> cases = ClaimArguments.cases(c.id(), profile);
                for (int ci = 0; ci < c.comparisons().size(); ci++) {
                    int i = ci;
                    assertThat(cases).as("%s comparison %d (%s) in %s", c.id(), ci, c.comparisons().get(ci).name(), profile)
                            .anyMatch(k -> k.comparison() == i);
                }
            }
    }

    @Test
    @DisplayName("a comparison with an empty level list is a claim-file error, not a claim that runs nothing")
    void emptyLevelListIsRejected(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("LTH-3.yaml");
        Files.writeString(bad, Files.readString(Path.of("claims", "LTH-3.yaml"))
                .replaceFirst("quick: \\[6\\]", "quick: []"));
        assertThatThrownBy(() -> ClaimFiles.load(bad)).isInstanceOf(ClaimFileException.class)
                .hasMessageStartingWith("LTH-3.yaml: field 'comparisons[0].levels.quick': is empty");
    }

    @Test
    @DisplayName("an id with no claim file fails the claim test (zero cases are never a pass)")
    void claimIdWithoutFile(@TempDir Path dir) {
        System.setProperty("lth.claims", dir.toString());
        try {
            assertThatThrownBy(() -> ClaimArguments.cases("LTH-3", PROFILE))
                    .hasMessageContaining("no claim file in " + dir.toAbsolutePath() + " has id LTH-3");
        } finally {
            System.clearProperty("lth.claims");
        }
    }

    static RunMetrics metrics(double acc) {
        return new RunMetrics(new int[]{10, 20}, new double[]{0.5, 0.4}, new double[]{acc, acc}, new double[]{acc, acc},
                20, acc, acc, false, 100, 0.1);
    }

    /** Outcomes for every run LTH-3 plans in the quick profile, optionally leaving one out. */
    static List<Outcome> outcomes(RunSpec leaveOut) {
        List<Outcome> out = new ArrayList<>();
        for (RunSpec s : PLAN.runs())
            if (!s.equals(leaveOut))
                out.add(new Outcome(s, s.hash(), metrics(s.arm() == Arm.TICKET ? 98 + s.seed() * 0.1 : 97), true));
        return out;
    }

    static PairedResult result(int n, Verdict v) {
        return new PairedResult("case", n, 98.3, 97, 1.3, 0.1, 1.1, 1.5, 13, 1e-5, 0.03, 1e-5, 2e-5, 0.99, v, "made up");
    }

    /** "comparison@level", as {@link ClaimResult} keys its results. */
    static String key(int comparison, int level) { return comparison + "@" + level; }

    /** A result for every case of LTH-3 in the quick profile (the report page shows all levels). */
    static Map<String, PairedResult> all(Verdict v) {
        Map<String, PairedResult> m = new java.util.HashMap<>();
        for (int ci = 0; ci < LTH3.comparisons().size(); ci++)
            for (int level : QUICK.levels(ci)) m.put(key(ci, level), result(5, v));
        return m;
    }

    static ClaimResult claimResult(List<Outcome> outcomes, Map<String, PairedResult> byCase, String skip) {
        return new ClaimResult(new Measurements(PLAN, outcomes, Map.of()), "mnist-10k (test)", byCase, 1, outcomes, skip);
    }

    @Test
    @DisplayName("a claim skipped for missing data is skipped with the fixing command, never passed")
    void missingDataSkipsWithTheFix() {
        String why = "SKIPPED: dataset 'mnist-10k' is not available: looked for data/mnist (lth.data.mnist-json), "
                + "missing 0.json. Fix: run scripts/setup-data";
        assertThatThrownBy(() -> session.judge(CASE, claimResult(List.of(), Map.of(), why)))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("Fix: run scripts/setup-data");
    }

    @Test
    @DisplayName("-Dlth.skipIsFailure=true: a data/hardware skip fails with the same message, unless -Dlth.allowSkip names the claim")
    void skipIsFailureUnlessAllowed() {
        String why = "SKIPPED: LTH-3 needs a GPU backend at quick scale; run on a GPU runner with -Pcuda";
        ClaimResult skipped = claimResult(List.of(), Map.of(), why);
        try {
            System.setProperty(ClaimSession.SKIP_IS_FAILURE, "true");
            assertThatThrownBy(() -> session.judge(CASE, skipped)).isInstanceOf(AssertionError.class)
                    .isNotInstanceOf(TestAbortedException.class).hasMessageStartingWith(why)
                    .hasMessageContaining("fails this run").hasMessageContaining("LTH-3 is not in -Dlth.allowSkip");
            System.setProperty(ClaimSession.ALLOW_SKIP, "STAB-2,LTH-33");     // other ids (and a prefix of one) do not allow it
            assertThatThrownBy(() -> session.judge(CASE, skipped)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("-Dlth.allowSkip=STAB-2,LTH-33");
            System.setProperty(ClaimSession.ALLOW_SKIP, "STAB-2, LTH-3");
            assertThatThrownBy(() -> session.judge(CASE, skipped)).isInstanceOf(TestAbortedException.class)
                    .hasMessageStartingWith(why).hasMessageContaining("allowed to skip on this runner");
            // only data/hardware skips count: an INCONCLUSIVE result stays a skip
            System.clearProperty(ClaimSession.ALLOW_SKIP);
            // and a claim its file defers to the nightly profile (nightly_only) is no missing data: it stays a skip
            String deferred = "SKIPPED: LTH-3 runs in the nightly profile only: too slow on 2 CPU cores";
            assertThatThrownBy(() -> session.judge(CASE, claimResult(List.of(), Map.of(), deferred)))
                    .isInstanceOf(TestAbortedException.class).hasMessage(deferred);
            assertThat(ClaimSession.skipFailure("LTH-3", "SKIPPED: LTH-3 needs the dataset 'mnist-10k': missing", "true", null))
                    .contains("fails this run");
            assertThatThrownBy(() -> session.judge(CASE, claimResult(outcomes(null), all(Verdict.INCONCLUSIVE), null)))
                    .isInstanceOf(TestAbortedException.class).hasMessageStartingWith("INCONCLUSIVE");
            System.setProperty(ClaimSession.SKIP_IS_FAILURE, "false");
            assertThatThrownBy(() -> session.judge(CASE, skipped)).isInstanceOf(TestAbortedException.class).hasMessage(why);
        } finally {
            System.clearProperty(ClaimSession.SKIP_IS_FAILURE);
            System.clearProperty(ClaimSession.ALLOW_SKIP);
        }
        assertThat(session.summary().rows()).anyMatch(row -> row.verdict().equals(RunSummary.REQUIRED_NOT_RUN));
    }

    @Test
    @DisplayName("no runs and no statistical result (empty sample): the case fails")
    void emptySampleFails() {
        assertThatThrownBy(() -> session.judge(CASE, claimResult(List.of(), Map.of(), null)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("nothing was compared");
    }

    @Test
    @DisplayName("runs present but no result for this case (comparison not run): the case fails")
    void missingResultFails() {
        assertThatThrownBy(() -> session.judge(CASE, claimResult(outcomes(null), Map.of(), null)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no statistical result for this case");
    }

    @Test
    @DisplayName("a result over fewer seeds than planned (partial sample) fails, even if REPRODUCED")
    void partialSampleFails() {
        var byCase = Map.of(key(0, 6), result(4, Verdict.REPRODUCED));
        assertThatThrownBy(() -> session.judge(CASE, claimResult(outcomes(null), byCase, null)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("every seed must contribute a pair");
    }

    @Test
    @DisplayName("an arm missing for one seed: its values cannot be read, so no pair (and no pass) is made")
    void missingArmCannotBeCompared() {
        RunSpec reinit = new RunSpec(SETUP, 2, Arm.REINIT, 6);
        ClaimResult r = claimResult(outcomes(reinit), Map.of(), null);
        assertThatThrownBy(() -> r.measured().values(Side.Trained.of(Arm.REINIT), 6, Metric.TEST_ACCURACY_AT_ES))
                .isInstanceOf(IllegalStateException.class).hasMessage("no run of reinit level 6 seed 2");
        assertThatThrownBy(() -> r.measured().side(0, false, 6)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no run of reinit level 6, seed 2");
        assertThat(r.measured().values(Side.Trained.of(Arm.TICKET), 6, Metric.TEST_ACCURACY_AT_ES)).hasSize(SEEDS.size());
    }

    @Test
    @DisplayName("an INCONCLUSIVE result is skipped with its reason, never passed")
    void inconclusiveIsNotAPass() {
        var byCase = all(Verdict.INCONCLUSIVE);
        assertThatThrownBy(() -> session.judge(CASE, claimResult(outcomes(null), byCase, null)))
                .isInstanceOf(TestAbortedException.class).hasMessageStartingWith("INCONCLUSIVE");
    }

    @Test
    @DisplayName("NOT_REPRODUCED fails; a full REPRODUCED result over every seed passes (the guards are not always-fail)")
    void verdictsMapToOutcomes() {
        var bad = all(Verdict.NOT_REPRODUCED);
        assertThatThrownBy(() -> session.judge(CASE, claimResult(outcomes(null), bad, null)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("NOT REPRODUCED");
        var good = all(Verdict.REPRODUCED);
        assertThatCode(() -> session.judge(CASE, claimResult(outcomes(null), good, null))).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("the fraction of an arm's runs that early-stopped at their last evaluation is read per side")
    void cappedFractionPerSide() {
        ClaimResult r = claimResult(outcomes(null), Map.of(), null);
        int es = java.util.stream.IntStream.range(0, LTH3.comparisons().size())
                .filter(i -> LTH3.comparisons().get(i).metric() == Metric.ES_ITERATION).findFirst().orElseThrow();
        int level = QUICK.levels(es).get(0);
        // metrics(acc) early-stops at 20, its last evaluation: every run is capped
        assertThat(r.measured().cappedFraction(es, true, level)).isEqualTo(1.0);
        assertThat(r.measured().cappedFraction(es, false, level)).isEqualTo(1.0);
        RunMetrics early = new RunMetrics(new int[]{10, 20}, new double[]{0.4, 0.5}, new double[]{90, 90},
                new double[]{90, 90}, 10, 90, 90, false, 100, 0.1);
        RunMetrics diverged = new RunMetrics(new int[]{10}, new double[]{Double.NaN}, new double[]{10},
                new double[]{10}, 10, 10, 10, true, 100, 0.1);
        RunSpec s = PLAN.runs().get(0);
        assertThat(Measurements.capped(new Outcome(s, s.hash(), early, true))).isFalse();
        assertThat(Measurements.capped(new Outcome(s, s.hash(), diverged, true))).as("diverged is not capped").isFalse();
        assertThat(Measurements.capped(new Outcome(s, s.hash(), metrics(90), true))).isTrue();
    }
}
