package lth.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One claim case's result: the one file contract ({@value #NAME}, attached to every case) between a claim
 * run and everything that reports it (the summary, the front page, the verdict export). What the case is
 * ({@link Case}), what was measured when it ran ({@link Measured}, null when it did not), the verdict
 * (REPRODUCED, NOT_REPRODUCED, INCONCLUSIVE, NOT RUN, REQUIRED BUT NOT RUN, or {@value #IN_PROGRESS}) and,
 * for a case that did not run, why: {@code notRun} (a {@link NotRun} kind) and the full {@code reason}; for
 * a claim a budgeted night has not finished, its {@link Progress} (and the same text as the reason).
 */
public record CaseResult(Case identity, Measured measured, String verdict, String notRun, String reason, Progress progress) {
    /** Name of the attachment (one per case). */
    public static final String NAME = "claim-result.json";
    /** The verdict of a claim still being trained across budgeted nights: no verdict yet, never a pass. */
    public static final String IN_PROGRESS = "IN PROGRESS";

    public CaseResult(Case identity, Measured measured, String verdict, String notRun, String reason) {
        this(identity, measured, verdict, notRun, reason, null);
    }

    /**
     * How far a claim trained across budgeted nights has come: runs stored of the runs it needs, the
     * estimated hours of training left ({@code unit}: GPU-hours, or CPU-hours on a CPU runner; NaN when
     * none is known) and the whole as one sentence.
     */
    public record Progress(int runsDone, int runsNeeded, double hoursLeft, String unit, String text) { }

    public boolean inProgress() { return progress != null; }
    /** The statistics' own claim (the calibration test): no claim file, no case result; selectable like a claim. */
    public static final String CALIBRATION = "CAL-1";

    /**
     * What the case is: claim (id, title, the paper it is from, the setup), comparison (arms {@code a} and
     * {@code b} as the claim file spells them, metric), pruning round and Pm, profile, the claim file's
     * disclosure for that profile ("" when none), and the paper's own effect nearest in Pm ("—" when none).
     */
    public record Case(String claim, String title, String paper, String setup, String comparison, String a, String b,
                       String metric, boolean relative, int round, double pm, String profile, String disclosure,
                       String paperEffect) { }

    /**
     * What was measured: the data, iterations, scale (as the case page states it) and seeds ({@code seedList}:
     * "[1, 2, 3]", "PILOT [1001, ...]"), the pairs, the oriented effect with its CI (at {@code ciLevel}), both
     * arms' means, the Holm-adjusted p, the power, the rule's explanation and the numeric backend.
     */
    public record Measured(String dataset, int iterations, String scale, String seedList, int seeds, int n,
                           double effectMean, double effectCiLow, double effectCiHigh, double ciLevel, double meanA,
                           double meanB, double pAdjusted, double power, String explanation, String backend) { }

    public boolean ran() { return measured != null; }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The attachment's text. The keys of results written before the case carried title, scale and seeds are kept. */
    public String json() {
        Case c = identity;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("claim", c.claim());
        m.put("comparison", c.comparison());
        m.put("round", c.round());
        m.put("pm", Double.isNaN(c.pm()) ? null : c.pm());
        m.put("profile", c.profile());
        if (!c.disclosure().isEmpty()) m.put("disclosure", c.disclosure());
        if (measured != null) {
            Measured r = measured;
            m.put("a", c.a());
            m.put("b", c.b());
            m.put("metric", c.metric());
            m.put("relative", c.relative());
            m.put("dataset", r.dataset());
            m.put("iterations", r.iterations());
            m.put("seeds", r.seeds());
            m.put("n", r.n());
            m.put("effect_mean", r.effectMean());
            m.put("effect_ci_low", r.effectCiLow());
            m.put("effect_ci_high", r.effectCiHigh());
            m.put("ci_level", r.ciLevel());
            m.put("mean_a", r.meanA());
            m.put("mean_b", r.meanB());
            m.put("p_adjusted", r.pAdjusted());
            m.put("power", r.power());
            m.put("verdict", verdict);
            m.put("backend", r.backend());
            m.put("scale", r.scale());
            m.put("seed_list", r.seedList());
            m.put("explanation", r.explanation());
        } else if (progress != null) {
            m.put("a", c.a());
            m.put("b", c.b());
            m.put("metric", c.metric());
            m.put("relative", c.relative());
            m.put("verdict", verdict);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("runs_done", progress.runsDone());
            p.put("runs_needed", progress.runsNeeded());
            p.put("hours_left", Double.isNaN(progress.hoursLeft()) ? null : progress.hoursLeft());
            p.put("unit", progress.unit());
            p.put("text", progress.text());
            m.put("progress", p);
            m.put("reason", reason);
        } else {
            m.put("verdict", verdict);
            m.put("not_run", notRun);
            m.put("reason", reason);
        }
        m.put("title", c.title());
        m.put("paper", c.paper());
        m.put("setup", c.setup());
        m.put("paper_effect", c.paperEffect());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A case result read back; the fields a result written before them lacks are null (numbers NaN). */
    public static CaseResult read(JsonNode j) {
        Case c = new Case(j.path("claim").asText(), text(j, "title"), text(j, "paper"), text(j, "setup"),
                j.path("comparison").asText(), text(j, "a"), text(j, "b"), text(j, "metric"), j.path("relative").asBoolean(),
                j.path("round").asInt(), number(j, "pm"), j.path("profile").asText(), j.path("disclosure").asText(""),
                text(j, "paper_effect"));
        String notRun = j.path("not_run").asText("");
        Measured m = !notRun.isEmpty() || !j.has("dataset") ? null : new Measured(j.path("dataset").asText(),
                j.path("iterations").asInt(), text(j, "scale"), text(j, "seed_list"), j.path("seeds").asInt(), j.path("n").asInt(),
                number(j, "effect_mean"), number(j, "effect_ci_low"), number(j, "effect_ci_high"), number(j, "ci_level"),
                number(j, "mean_a"), number(j, "mean_b"), number(j, "p_adjusted"), number(j, "power"), text(j, "explanation"),
                text(j, "backend"));
        JsonNode p = j.path("progress");
        Progress progress = !p.isObject() ? null : new Progress(p.path("runs_done").asInt(), p.path("runs_needed").asInt(),
                number(p, "hours_left"), p.path("unit").asText(""), p.path("text").asText(""));
        return new CaseResult(c, progress != null ? null : m, j.path("verdict").asText(), notRun, text(j, "reason"), progress);
    }

    private static String text(JsonNode j, String field) { return j.hasNonNull(field) ? j.get(field).asText() : null; }

    private static double number(JsonNode j, String field) { return j.path(field).isNumber() ? j.get(field).asDouble() : Double.NaN; }
}
