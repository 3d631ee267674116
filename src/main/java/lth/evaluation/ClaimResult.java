package lth.evaluation;

import lth.claim.ClaimCase;
import lth.claim.ClaimPlan;
import lth.claim.ProfileClaim;
import lth.experiment.Outcome;
import lth.experiment.Setup;
import lth.stats.PairedResult;

import java.util.List;
import java.util.Map;

/**
 * A claim evaluated under a profile: what its planned runs measured and one statistical result per case.
 * {@code skipReason} is set instead when the claim could not run here (data, hardware, or a claim
 * deferred to the nightly profile), and the cases are then skipped with that reason. {@code progress} is
 * set instead when a budgeted night stopped before the claim's runs were all stored: IN PROGRESS, no verdict.
 * {@code runs} is every run the claim needed: the measured ones and those they start from (IMP trunk levels
 * between the measured ones, θ_k), each once, trained here or read from the store.
 */
public record ClaimResult(Measurements measured, String data, Map<String, PairedResult> byCase,
                          double seconds, List<Outcome> runs, String skipReason, ClaimProgress progress) {
    public ClaimResult {
        runs = List.copyOf(runs);
    }

    public ClaimResult(Measurements measured, String data, Map<String, PairedResult> byCase, double seconds,
                       List<Outcome> runs, String skipReason) {
        this(measured, data, byCase, seconds, runs, skipReason, null);
    }

    /** Runs trained for this claim in this JVM (not only the measured ones: the trunk levels between them too). */
    public long trained() { return runs.stream().filter(o -> !o.cached()).count(); }

    /** Runs this claim needed that came from the run store. */
    public long fromStore() { return runs.stream().filter(Outcome::cached).count(); }

    static String key(int comparison, int level) { return comparison + "@" + level; }

    public ClaimPlan plan() { return measured.plan(); }

    public ProfileClaim claim() { return plan().claim(); }

    public String profile() { return claim().profile(); }

    public Setup setup() { return claim().setup(); }

    public List<Long> seeds() { return plan().seeds(); }

    /** The seeds one comparison used (all of {@link #seeds()} unless its file gives it its own count). */
    public List<Long> seeds(int comparison) { return plan().seeds(comparison); }

    public List<Outcome> outcomes() { return measured.outcomes(); }

    public PairedResult result(int comparison, int level) { return byCase.get(key(comparison, level)); }

    public PairedResult result(ClaimCase c) { return result(c.comparison(), c.level()); }
}
