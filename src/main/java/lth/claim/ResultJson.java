package lth.claim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import lth.stats.PairedResult;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@value #NAME} attachment of every claim case: the one file contract between a claim run and
 * {@code lth.report.Summary}. A case that ran carries its numbers and verdict; one that did not carries
 * {@code verdict} NOT RUN (or REQUIRED BUT NOT RUN), {@code not_run} (a {@link NotRun} kind) and the
 * full {@code reason}, and no scale: nothing ran at one. {@code disclosure} is the claim file's for this profile, if any.
 */
public final class ResultJson {
    private ResultJson() { }

    /** Name of the attachment (one per case). */
    public static final String NAME = "claim-result.json";

    /** The case's numbers in machine-readable form: what reports/SUMMARY.md tabulates. */
    static String of(ClaimCase c, ClaimResult r, PairedResult pr) {
        ClaimSpec.Comparison cmp = c.spec();
        ClaimSpec.ProfileSpec p = c.claim().profiles().get(c.profile());
        Map<String, Object> m = head(c);
        m.put("a", cmp.a());
        m.put("b", cmp.b());
        m.put("metric", cmp.metric());
        m.put("relative", cmp.relative());
        m.put("dataset", p.dataset());
        m.put("iterations", p.iterations());
        m.put("seeds", r.seeds().size());
        m.put("n", pr.n());
        m.put("effect_mean", pr.meanDiff());
        m.put("effect_ci_low", pr.ciLow());
        m.put("effect_ci_high", pr.ciHigh());
        m.put("ci_level", 1 - 2 * c.claim().statistics().alpha());
        m.put("mean_a", pr.meanA());
        m.put("mean_b", pr.meanB());
        m.put("p_adjusted", pr.pAdjusted());
        m.put("power", pr.power());
        m.put("verdict", pr.verdict().name());
        m.put("backend", lth.model.Engine.backend());
        return write(m);
    }

    /** A case that did not run: why, in a word and in full. */
    static String notRun(ClaimCase c, String verdict, String reason) {
        Map<String, Object> m = head(c);
        m.put("verdict", verdict);
        m.put("not_run", NotRun.kind(reason));
        m.put("reason", reason);
        return write(m);
    }

    private static Map<String, Object> head(ClaimCase c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("claim", c.claim().id());
        m.put("comparison", c.spec().name());
        m.put("round", c.level());
        m.put("pm", Double.isNaN(c.pm()) ? null : c.pm());
        m.put("profile", c.profile());
        if (!c.claim().disclosure(c.profile()).isEmpty()) m.put("disclosure", c.claim().disclosure(c.profile()));
        return m;
    }

    private static String write(Map<String, Object> m) {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
