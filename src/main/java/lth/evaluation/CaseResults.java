package lth.evaluation;

import lth.claim.ClaimCase;
import lth.claim.ClaimSpec;
import lth.claim.DryRun;
import lth.claim.SeedSelection;
import lth.report.CaseResult;
import lth.report.NotRun;
import lth.stats.PairedResult;

import java.util.Comparator;

/** A claim case's typed result ({@link CaseResult}, the file every report reads), from the case and its claim's result. */
public final class CaseResults {
    private CaseResults() { }

    /** What the case is: known before anything runs, and for a case of a profile its claim file has no block for. */
    public static CaseResult.Case identity(ClaimCase c) {
        ClaimSpec s = c.claim();
        ClaimSpec.Comparison cmp = c.spec();
        String paperEffect = Double.isNaN(c.pm()) ? null : cmp.paper().stream()
                .min(Comparator.comparingDouble(p -> Math.abs(Math.log(p.pm() / c.pm()))))
                .map(ClaimSpec.PaperEffect::label).orElse(null);
        return new CaseResult.Case(s.id(), s.title(), s.paper(), s.setup().name(), cmp.name(), cmp.a().label(), cmp.b().label(),
                cmp.metric().label(), cmp.relative(), c.level(), c.pm(), DryRun.label(c.profile()), s.disclosure(c.profile()), paperEffect);
    }

    /** A case that ran: its numbers and verdict. */
    public static CaseResult ran(ClaimCase c, ClaimResult r, PairedResult pr) {
        ClaimSpec.ProfileSpec p = r.claim().scale();
        var measured = new CaseResult.Measured(p.dataset(), p.iterations(), scale(p), seedList(r, c.comparison()), r.seeds(c.comparison()).size(), pr.n(),
                pr.meanDiff(), pr.ciLow(), pr.ciHigh(), 1 - 2 * r.claim().claim().statistics().alpha(), pr.meanA(), pr.meanB(),
                pr.pAdjusted(), pr.power(), pr.explanation(), lth.model.Engine.backend());
        return new CaseResult(identity(c), measured, pr.verdict().name(), "", null);
    }

    /** A case that did not run: NOT RUN (or REQUIRED BUT NOT RUN) and why, in a word and in full. */
    public static CaseResult notRun(ClaimCase c, String verdict, String reason) {
        return new CaseResult(identity(c), null, verdict, NotRun.kind(reason), reason);
    }

    /** A case of a claim a budgeted night has not finished: IN PROGRESS (no verdict, never a pass), with its progress. */
    public static CaseResult inProgress(ClaimCase c, ClaimResult r) {
        ClaimProgress p = r.progress();
        String text = p.text();
        return new CaseResult(identity(c), null, CaseResult.IN_PROGRESS, "", text,
                new CaseResult.Progress(p.runsDone(), p.runsNeeded(), p.unknown() > 0 && p.secondsLeft() == 0 ? Double.NaN : p.hoursLeft(),
                        p.unit(), text));
    }

    /** The scale a case ran at, as its page states it. */
    public static String scale(ClaimSpec.ProfileSpec p) {
        return "%d iterations, eval every %d, %d paper round(s) per IMP round, width %.2f"
                .formatted(p.iterations(), p.evalEvery(), p.roundsPerLevel(), p.width());
    }

    /** "[1, 2, 3]", or "PILOT [1001, 1002]" for a pilot's seeds. */
    public static String seedList(ClaimResult r) { return (SeedSelection.pilot() ? "PILOT " : "") + r.seeds(); }

    /** The seeds one comparison used, as {@link #seedList(ClaimResult)} writes them. */
    public static String seedList(ClaimResult r, int comparison) {
        return (SeedSelection.pilot() ? "PILOT " : "") + r.seeds(comparison);
    }
}
