package lth.claim;

import lth.stats.PairedResult;
import lth.stats.Verdict;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body of every claim test: evaluate the claim (training what the store lacks), write the case's
 * report page, then turn the verdict into the test's outcome. REPRODUCED passes; NOT REPRODUCED
 * fails; INCONCLUSIVE and missing data or hardware are skipped with their reason. Never a pass
 * without a comparison. With {@code -Dlth.skipIsFailure=true} (the quick and nightly profiles) a claim
 * skipped for missing data or hardware fails instead, unless {@code -Dlth.allowSkip} names it; a claim
 * its file defers to the nightly profile still skips.
 */
public final class Claims {
    private Claims() { }

    /** System property: {@code true} turns a data/hardware skip into a failure (a night must run what it is given). */
    public static final String SKIP_IS_FAILURE = "lth.skipIsFailure";
    /** System property: comma-separated claim ids that may still be skipped under {@value #SKIP_IS_FAILURE}. */
    public static final String ALLOW_SKIP = "lth.allowSkip";

    public static void verify(ClaimCase c) {
        lth.model.CudaCheck.require();   // on -Pcuda: versions printed once, a clear failure when CUDA cannot run
        if (!c.claim().has(c.profile())) {
            String why = "SKIPPED: " + c.claim().id() + " has no " + c.profile() + " scale: its claim file "
                    + c.claim().file().getFileName() + " has no profiles." + c.profile() + " block";
            String failure = skipFailure(c.claim().id(), why, System.getProperty(SKIP_IS_FAILURE), System.getProperty(ALLOW_SKIP));
            ClaimPage.identity(c);
            ClaimPage.skipped(c, failure != null ? failure : why, failure != null);
            if (failure != null) throw new AssertionError(failure);
            Assumptions.abort(why);
        }
        ClaimPage.header(c);
        judge(c, ClaimEngine.evaluate(c.claim(), c.profile()));
    }

    /**
     * The verdict of one case from its claim's result; separate from {@link #verify} so that the
     * honesty guards (no pass without a comparison) can be tested on hand-made results.
     */
    static void judge(ClaimCase c, ClaimResult r) {
        if (r.skipReason() != null) {
            String required = System.getProperty(SKIP_IS_FAILURE), allow = System.getProperty(ALLOW_SKIP);
            String failure = skipFailure(c.claim().id(), r.skipReason(), required, allow);
            if (failure != null) {
                ClaimPage.skipped(c, failure, true);
                RunSummary.recordRequired(c, failure);
                throw new AssertionError(failure);
            }
            String why = on(required) && r.skipReason().startsWith("SKIPPED") && !deferred(c.claim().id(), r.skipReason())
                    ? r.skipReason() + " (allowed to skip on this runner: -D" + ALLOW_SKIP + "=" + allow + ")" : r.skipReason();
            ClaimPage.skipped(c, why, false);
            RunSummary.record(c, null, why);
            Assumptions.abort(why);
        }
        assertThat(r.outcomes()).as("%s: no run was measured, so nothing was compared", c).isNotEmpty();
        assertThat(r.seeds()).as("%s: no seed, so nothing was compared", c).isNotEmpty();
        PairedResult pr = r.result(c);
        assertThat(pr).as("%s: no statistical result for this case", c).isNotNull();
        assertThat(pr.n()).as("%s: every seed must contribute a pair (no empty or partial sample)", c)
                .isEqualTo(r.seeds().size());
        ClaimPage.body(c, r, pr);
        RunSummary.record(c, pr, null);
        String claim = "%s at Pm %.1f%% (%s, %d seeds, %s)".formatted(c.spec().name(), c.pm(), r.data().split(" ")[0],
                r.seeds().size(), c.profile());
        if (pr.verdict() == Verdict.INCONCLUSIVE)
            Assumptions.abort("INCONCLUSIVE: " + claim + ": " + pr.explanation()); // the explanation names the reason
        assertThat(pr.verdict()).as("NOT REPRODUCED: %s: %s", claim, pr.explanation()).isEqualTo(Verdict.REPRODUCED);
    }

    /**
     * The failure message when a skip must fail the case, else null. Only data/hardware skips (reasons
     * starting "SKIPPED") count, not a claim its file defers to the nightly profile ({@code nightly_only}:
     * not missing data, the profile does not declare it); the claim's own message is kept, with what
     * made it a failure.
     */
    static String skipFailure(String id, String reason, String skipIsFailure, String allowSkip) {
        if (!on(skipIsFailure) || reason == null || !reason.startsWith("SKIPPED")) return null;
        if (deferred(id, reason)) return null;
        if (allowSkip != null)
            for (String s : allowSkip.split(",")) if (s.strip().equals(id)) return null;
        return reason + " (fails this run: -D" + SKIP_IS_FAILURE + "=true and " + id + " is not in -D" + ALLOW_SKIP
                + (allowSkip == null || allowSkip.isBlank() ? ", which is empty)" : "=" + allowSkip + ")");
    }

    /** A skip because the claim's file defers it to the nightly profile ({@code nightly_only}), not missing data. */
    private static boolean deferred(String id, String reason) {
        return reason.startsWith("SKIPPED: " + id + ClaimEngine.DEFERRED);
    }

    private static boolean on(String flag) {
        return flag != null && Boolean.parseBoolean(flag.strip());
    }
}
