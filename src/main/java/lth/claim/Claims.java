package lth.claim;

import lth.stats.PairedResult;
import lth.stats.Verdict;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body of every claim test: evaluate the claim (training what the store lacks), write the case's
 * report page, then turn the verdict into the test's outcome. REPRODUCED passes; NOT REPRODUCED
 * fails; INCONCLUSIVE and missing data or hardware are skipped with their reason. Never a pass
 * without a comparison.
 */
public final class Claims {
    private Claims() { }

    public static void verify(ClaimCase c) {
        if (!c.claim().has(c.profile()))
            Assumptions.abort("SKIPPED: " + c.claim().id() + " has no " + c.profile() + " scale: its claim file "
                    + c.claim().file().getFileName() + " has no profiles." + c.profile() + " block");
        ClaimPage.header(c);
        judge(c, ClaimEngine.evaluate(c.claim(), c.profile()));
    }

    /**
     * The verdict of one case from its claim's result; separate from {@link #verify} so that the
     * honesty guards (no pass without a comparison) can be tested on hand-made results.
     */
    static void judge(ClaimCase c, ClaimResult r) {
        if (r.skipReason() != null) {
            ClaimPage.skipped(c, r.skipReason());
            RunSummary.record(c, null, r.skipReason());
            Assumptions.abort(r.skipReason());
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
}
