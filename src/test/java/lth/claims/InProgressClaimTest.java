package lth.claims;

import lth.evaluation.ClaimProgress;
import lth.evaluation.ClaimResult;
import lth.evaluation.Measurements;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import java.util.List;
import java.util.Map;

import static lth.claims.ClaimHonestyTest.CASE;
import static lth.claims.ClaimHonestyTest.PLAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A claim a budgeted night did not finish is IN PROGRESS: its cases are skipped with the progress, never
 * passed (there is no verdict) and never failed (the nightly must not go red for a claim under its budget),
 * whatever {@code -Dlth.skipIsFailure} says.
 */
class InProgressClaimTest {
    static final ClaimProgress PROGRESS = new ClaimProgress(40, 95, 22.4 * 3600, 0, Map.of("runs measured here", 55),
            "GPU-hours", "0.0s of the 20h00m budget left");

    static ClaimResult inProgress() {
        return new ClaimResult(new Measurements(PLAN, List.of(), Map.of()), "mnist (test)", Map.of(), 1, List.of(), null, PROGRESS);
    }

    @Test
    @DisplayName("IN PROGRESS skips the case with runs done / needed and the hours left; never a pass")
    void skippedWithProgress() {
        ClaimSession session = new ClaimSession();
        assertThatThrownBy(() -> session.judge(CASE, inProgress())).isInstanceOf(TestAbortedException.class)
                .hasMessageStartingWith("IN PROGRESS: ").hasMessageContaining("40 of 95 runs done; ≈ 22 GPU-hours of training left");
        assertThat(session.summary().rows()).singleElement().satisfies(r -> assertThat(r.verdict()).isEqualTo("IN_PROGRESS"));
        assertThat(session.summary().table()).contains("0 reproduced").contains("1 in progress (no verdict yet)").contains("0 skipped");
    }

    @Test
    @DisplayName("under -Dlth.skipIsFailure=true (the nightly) IN PROGRESS is still a skip, not a failure")
    void notAFailureInTheNightly() {
        System.setProperty(ClaimSession.SKIP_IS_FAILURE, "true");
        try {
            assertThatThrownBy(() -> new ClaimSession().judge(CASE, inProgress())).isInstanceOf(TestAbortedException.class);
        } finally {
            System.clearProperty(ClaimSession.SKIP_IS_FAILURE);
        }
    }

    @Test
    @DisplayName("a seed group (-Dlth.seeds, a piece of the design) is IN PROGRESS too: no verdict from a piece, never a failure")
    void aPieceHasNoVerdict() {
        var piece = new ClaimResult(new Measurements(lth.claim.ClaimPlan.of(ClaimHonestyTest.QUICK, List.of(2L, 3L)), List.of(), Map.of()),
                "mnist (test)", Map.of(), 1, List.of(), null, new ClaimProgress(30, 95, 3600, 0, Map.of(), "CPU-hours",
                "none: a seed group (-Dlth.seeds) of the confirmatory seeds 1..5"));
        System.setProperty(lth.claim.SeedSelection.PROPERTY, "2-3");
        try {
            assertThatThrownBy(() -> new ClaimSession().judge(CASE, piece)).isInstanceOf(TestAbortedException.class)
                    .hasMessageStartingWith("IN PROGRESS: ").hasMessageContaining("30 of 95 runs done")
                    .hasMessageContaining("a seed group: no verdict from a piece; run the claim without -Dlth.seeds");
            var res = lth.evaluation.CaseResults.inProgress(CASE, piece);
            assertThat(lth.evaluation.CasePages.inProgressLead(CASE, res, piece)).as("the page says why there is no verdict")
                    .contains("a piece of the claim's pre-registered design").contains("**no verdict**")
                    .contains("seeds 101..109 (this run: [2, 3])").doesNotContain("across nights");
        } finally {
            System.clearProperty(lth.claim.SeedSelection.PROPERTY);
        }
    }
}
