package lth.claims;

import lth.claim.ClaimCase;
import lth.evaluation.CasePages;
import lth.evaluation.CaseResults;
import lth.evaluation.ClaimEngine;
import lth.evaluation.ClaimResult;
import lth.report.CaseResult;
import lth.report.NotRun;
import lth.report.Provenance;
import lth.report.ResultsDirectory;
import lth.stats.PairedResult;
import lth.stats.Verdict;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim run's shared state: the claim engine (its workers, the experiments, each claim evaluated once
 * for all its cases), the verdict table and the provenance. One session per test run, held in the JUnit
 * root context ({@link Extension}, which {@link ClaimTest} registers) and closed when the run ends: the
 * verdict table is printed then, and kept in {@code target/lth-summary.txt}.
 * <p>
 * {@link #verify} is the body of every claim test: evaluate the claim (training what the store lacks),
 * write the case's report page, then turn the verdict into the test's outcome. REPRODUCED passes; NOT
 * REPRODUCED fails; INCONCLUSIVE and missing data or hardware are skipped with their reason. A claim a
 * budgeted night did not finish ({@code -Dlth.budget.minutes}) is IN PROGRESS: skipped with its progress,
 * neither a pass nor a failure, whatever {@code -Dlth.skipIsFailure} says. Never a pass without a comparison. With {@code -Dlth.skipIsFailure=true} (the quick and nightly profiles) a claim
 * skipped for missing data or hardware fails instead, unless {@code -Dlth.allowSkip} names it; a claim its
 * file defers to the nightly profile still skips.
 */
public final class ClaimSession implements AutoCloseable {
    /** System property: {@code true} turns a data/hardware skip into a failure (a night must run what it is given). */
    public static final String SKIP_IS_FAILURE = "lth.skipIsFailure";
    /** System property: comma-separated claim ids that may still be skipped under {@value #SKIP_IS_FAILURE}. */
    public static final String ALLOW_SKIP = "lth.allowSkip";

    /** Resolves the run's session for a claim test's {@code ClaimSession} parameter. */
    public static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) { return p.getParameter().getType() == ClaimSession.class; }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            return e.getRoot().getStore(ExtensionContext.Namespace.create(ClaimSession.class))
                    .getOrComputeIfAbsent(ClaimSession.class, k -> new ClaimSession(), ClaimSession.class);
        }
    }

    private final RunSummary summary = new RunSummary();
    private ClaimEngine engine;
    private Provenance provenance;

    /**
     * Created on first use, not with the session: a malformed {@code -Dlth.workers} then fails each claim
     * with its own clear message.
     */
    private synchronized ClaimEngine engine() {
        if (engine == null) engine = ClaimEngine.fromProperties();
        return engine;
    }

    private synchronized Provenance provenance() {
        if (provenance == null) provenance = Provenance.collect();
        return provenance;
    }

    RunSummary summary() { return summary; }

    /**
     * What Allure records as the value of a claim test's session argument: the same in every run, so the
     * cases' history ids stay stable; {@link AllureClaimReport#identity} drops it from the page.
     */
    static final String DISPLAY = "claim session";

    @Override
    public String toString() { return DISPLAY; }

    public void verify(ClaimCase c) {
        lth.model.CudaCheck.require();   // on -Pcuda: versions printed once, a clear failure when CUDA cannot run
        AllureClaimReport.identity(c.toString(), CaseResults.identity(c));
        if (!c.claim().has(c.profile())) {
            String why = "SKIPPED: " + c.claim().id() + " has no " + c.profile() + " scale: its claim file "
                    + c.claim().file().getFileName() + " has no profiles." + c.profile() + " block";
            String failure = skipFailure(c.claim().id(), why, System.getProperty(SKIP_IS_FAILURE), System.getProperty(ALLOW_SKIP));
            notRun(c, failure != null ? "REQUIRED BUT NOT RUN" : "NOT RUN", failure != null ? failure : why);
            if (failure != null) throw new AssertionError(failure);
            Assumptions.abort(why);
        }
        ClaimResult r = engine().evaluate(c.claim(), c.profile());
        summary.runs(r.runs());
        judge(c, r);
    }

    private static void notRun(ClaimCase c, String verdict, String reason) {
        CaseResult r = CaseResults.notRun(c, verdict, reason);
        AllureClaimReport.notRun(r, CasePages.notRunLead(c, r));
    }

    /**
     * The verdict of one case from its claim's result; separate from {@link #verify} so that the
     * honesty guards (no pass without a comparison) can be tested on hand-made results.
     */
    void judge(ClaimCase c, ClaimResult r) {
        if (r.skipReason() != null) {
            String required = System.getProperty(SKIP_IS_FAILURE), allow = System.getProperty(ALLOW_SKIP);
            String failure = skipFailure(c.claim().id(), r.skipReason(), required, allow);
            if (failure != null) {
                notRun(c, "REQUIRED BUT NOT RUN", failure);
                summary.recordRequired(c, failure);
                throw new AssertionError(failure);
            }
            String why = on(required) && r.skipReason().startsWith("SKIPPED") && !deferred(c.claim().id(), r.skipReason())
                    ? r.skipReason() + " (allowed to skip on this runner: -D" + ALLOW_SKIP + "=" + allow + ")" : r.skipReason();
            notRun(c, "NOT RUN", why);
            summary.record(c, null, why);
            Assumptions.abort(why);
        }
        if (r.progress() != null) {
            CaseResult res = CaseResults.inProgress(c, r);
            AllureClaimReport.inProgress(res, CasePages.inProgressLead(c, res, r));
            summary.recordInProgress(c, res.reason());
            Assumptions.abort(CaseResult.IN_PROGRESS + ": " + c + ": " + res.reason() + (lth.claim.SeedSelection.piece(r.seeds(), r.claim().scale())
                    ? " (a seed group: no verdict from a piece; run the claim without -D" + lth.claim.SeedSelection.PROPERTY + " for it)"
                    : " (no verdict yet; the next night continues)"));
        }
        assertThat(r.outcomes()).as("%s: no run was measured, so nothing was compared", c).isNotEmpty();
        assertThat(r.seeds()).as("%s: no seed, so nothing was compared", c).isNotEmpty();
        List<Long> seeds = r.seeds(c.comparison());
        if (seeds.isEmpty()) {       // a seed group (-Dlth.seeds) outside this comparison's own, fewer seeds
            String why = "NOT RUN: seed group " + r.seeds() + " holds none of the seeds this comparison uses (its first "
                    + c.spec().seeds(c.profile()).orElse(0) + " confirmatory seeds, " + c.claim().file().getFileName()
                    + "); its verdict comes from a piece that runs them";
            notRun(c, "NOT RUN", why);
            summary.record(c, null, why);
            Assumptions.abort(why);
        }
        PairedResult pr = r.result(c);
        assertThat(pr).as("%s: no statistical result for this case", c).isNotNull();
        assertThat(pr.n()).as("%s: every seed must contribute a pair (no empty or partial sample)", c)
                .isEqualTo(seeds.size());
        AllureClaimReport.page(CasePages.of(c, r, pr, provenance().text()));
        summary.record(c, pr, null);
        String claim = "%s at Pm %.1f%% (%s, %d seeds, %s)".formatted(c.spec().name(), c.pm(), r.data().split(" ")[0],
                seeds.size(), c.profile());
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
        return reason.startsWith("SKIPPED: " + id + NotRun.DEFERRED);
    }

    private static boolean on(String flag) {
        return flag != null && Boolean.parseBoolean(flag.strip());
    }

    /**
     * The end of the run: the verdict table (the claim run only: failsafe sets {@code lth.claims}; unit tests
     * judge made-up results on purpose), its file, the suite's cost in the report's Environment; then the workers stop.
     */
    @Override
    public void close() {
        try {
            if (summary.rows().isEmpty() || System.getProperty("lth.claims") == null) return;
            System.out.println(summary.table());
            summary.write(Path.of("target", "lth-summary.txt"));
            Path env = ResultsDirectory.path().resolve("environment.properties");
            if (Files.exists(env))
                Files.writeString(env, "suite.cost=" + summary.cost() + "\n", StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
        } catch (Exception e) {
            System.err.println("could not write target/lth-summary.txt: " + e);
        } finally {
            synchronized (this) { if (engine != null) engine.close(); }
        }
    }
}
