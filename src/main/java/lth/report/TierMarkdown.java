package lth.report;

import java.util.*;
import java.util.stream.Collectors;

/** The Markdown section of a tier's results: one row per case, and per claim its dense accuracy and unconverged runs. */
final class TierMarkdown {
    private TierMarkdown() { }

    static String section(TierResults t) {
        StringBuilder sb = new StringBuilder();
        sb.append("## The " + t.dir().getFileName() + " tier: the pilot's verdict beside the pre-registered confirmatory one\n\n");
        sb.append("Effects are per-seed paired differences, oriented so that positive supports the claim's direction"
                + " (pp: percentage points of test accuracy, or for an instability claim the distance below its bound;"
                + " %: a relative early-stop effect, tested on the per-seed log ratio), mean and 90% CI over seeds; p is the"
                + " one-sided paired t after Holm, for an equivalence claim the TOST p (NOT REPRODUCED there means the"
                + " interval lies outside the equivalence bounds). The pilot's sd is that of the per-seed differences (of the"
                + " log ratios for a relative effect); \"seeds for 0.8\" is the seed count that gives power 0.8 at the claim's"
                + " `min_effect` with that sd (`Power.seedsFor`). The confirmatory seeds were fixed from the pilot's"
                + " spread and committed before they ran, never reusing a pilot seed (see each claim file's justification).\n\n");
        if (java.nio.file.Files.exists(t.dir().resolve("verdicts.png")))   // drawn by TierReport --forest
            sb.append("![every confirmatory verdict: effect and 90% CI in units of the claim's smallest effect](")
                    .append(t.dir().getFileName()).append("/verdicts.png)\n\n");
        sb.append("| claim | comparison | Pm | scale | pilot (seeds): effect, 90% CI → verdict; sd, seeds for 0.8 | confirmatory: effect (90% CI), seeds, p (Holm) | verdict |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        Set<String> ids = new TreeSet<>(TierResults.BY_NUMBER);
        for (String k : t.verdicts().keySet()) ids.add(k.replace(".pilot", ""));
        for (String id : ids) {
            List<Map<String, String>> conf = t.verdicts().getOrDefault(id, List.of());
            List<Map<String, String>> pilot = t.verdicts().getOrDefault(id + ".pilot", List.of());
            List<Map<String, String>> cases = conf.isEmpty() ? pilot : conf;
            for (Map<String, String> c : cases) {
                Map<String, String> p = match(pilot, c), f = match(conf, c), g = f == null ? group(t, id, c) : null;
                sb.append("| %s | %s | %s%% | %s | %s | %s | %s |\n".formatted(id, c.get("comparison"), c.get("pm_percent"),
                        scale(t, id), p == null ? "" : seeds(p.get("seeds")) + ": " + effect(p) + " → " + p.get("verdict").replace('_', ' ')
                                + planned(p),
                        f != null ? effect(f) + ", " + f.get("n") + " seeds (" + seeds(f.get("seeds")) + "), p " + num(f.get("p_holm"))
                                : g != null ? "seed group " + g.get("seeds") + " only: " + effect(g) + " (not the verdict)" : "not run yet",
                        f != null ? "**" + f.get("verdict").replace('_', ' ') + "**"
                                : g != null ? "**PENDING** (confirmatory seeds in progress)" : "**PENDING** (pilot only)"));
            }
        }
        sb.append('\n');
        for (String id : ids) sb.append(notes(t, id));
        return sb.toString();
    }

    /** The largest seed group run so far for this case (a piece of the confirmatory seeds), if any. */
    private static Map<String, String> group(TierResults t, String id, Map<String, String> c) {
        return t.groupVerdicts().entrySet().stream().filter(e -> e.getKey().startsWith(id + ".seeds-"))
                .map(e -> match(e.getValue(), c)).filter(java.util.Objects::nonNull)
                .max(java.util.Comparator.comparingInt(r -> Integer.parseInt(r.get("n")))).orElse(null);
    }

    private static Map<String, String> match(List<Map<String, String>> rows, Map<String, String> c) {
        return rows.stream().filter(r -> r.get("comparison").equals(c.get("comparison")) && r.get("round").equals(c.get("round")))
                .findFirst().orElse(null);
    }

    /** Mean effect and CI in the comparison's unit: percent for a relative effect, pp for accuracy and instability, else as is. */
    static String effect(Map<String, String> r) {
        if (relative(r))
            return "%s%% (%s..%s%%)".formatted(percent(r.get("mean_effect")), percent(r.get("ci_low")), percent(r.get("ci_high")));
        String unit = r.get("metric").startsWith("test_accuracy") || r.get("metric").equals("instability") ? "pp" : "";
        return "%s%s (%s..%s)".formatted(signed(r.get("mean_effect")), unit, signed(r.get("ci_low")), signed(r.get("ci_high")));
    }

    private static boolean relative(Map<String, String> r) {
        return r.getOrDefault("explanation", "").contains(lth.stats.Hypothesis.RELATIVE_UNIT);
    }

    /** The pilot's spread and the seeds it asks for: "; sd 0.35, 26 seeds for 0.8". */
    private static String planned(Map<String, String> p) {
        String sd = p.get("sd_effect"), n = p.get("seeds_for_power");
        if (sd == null || sd.isBlank() || sd.equals("NaN")) return "";
        return "; sd %s%s".formatted(num(sd), n == null || n.isBlank() ? "" : ", " + n + " seeds for 0.8");
    }

    private static String seeds(String list) { return SummaryResults.seeds(list); }

    private static String percent(String v) {
        double d = 100 * Double.parseDouble(v);
        return (d >= 0 ? "+" : "") + (Math.abs(d) >= 10 ? "%.0f" : "%.1f").formatted(d);
    }

    private static String scale(TierResults t, String id) {
        List<Map<String, String>> rows = t.runs().getOrDefault(id, t.runs().getOrDefault(id + ".pilot", List.of()));
        if (rows.isEmpty()) return "";
        Map<String, String> r = rows.get(0);
        return "%s, %s ×%s, %s it".formatted(r.get("dataset"), r.get("model"), r.get("width"), r.get("iterations"));
    }

    /** Per claim: the dense accuracy of each setup and the share of runs per arm that early-stopped at the last evaluation. */
    private static String notes(TierResults t, String id) {
        List<Map<String, String>> rows = t.runs().getOrDefault(id, t.runs().get(id + ".pilot"));
        if (rows == null) return "";
        boolean pilot = !t.runs().containsKey(id);
        StringBuilder sb = new StringBuilder("- **" + id + "**" + (pilot ? " (pilot runs)" : "") + ": dense test accuracy ");
        Map<String, DoubleSummaryStatistics> dense = new TreeMap<>();
        for (var r : rows)
            if (r.get("arm").equals("dense"))
                dense.computeIfAbsent(TierReport.brief(r.get("optimizer")), k -> new DoubleSummaryStatistics())
                        .accept(Double.parseDouble(r.get("test_accuracy_final")));
        sb.append(dense.entrySet().stream().map(e -> "%.2f%% (%.2f–%.2f, %s)".formatted(e.getValue().getAverage(),
                e.getValue().getMin(), e.getValue().getMax(), e.getKey())).collect(Collectors.joining(", ")));
        Map<String, int[]> capped = new TreeMap<>();
        for (var r : rows) {
            int[] c = capped.computeIfAbsent(r.get("arm") + (r.get("scope").isEmpty() ? "" : " " + r.get("scope")), k -> new int[2]);
            c[1]++;
            if (r.get("es_iteration").equals(r.get("last_eval_iteration"))) c[0]++;
        }
        sb.append("; early stop at the last evaluation: ").append(capped.entrySet().stream()
                .map(e -> "%s %d/%d".formatted(e.getKey(), e.getValue()[0], e.getValue()[1])).collect(Collectors.joining(", ")));
        // A run at chance level (10 classes) trained to nothing: named, since one such seed moves a mean a lot.
        List<String> chance = rows.stream().filter(r -> Double.parseDouble(r.get("test_accuracy_final")) <= 11.0)
                .map(r -> "%s%s round %s seed %s (%s%%%s)".formatted(r.get("arm"), r.get("scope").isEmpty() ? "" : " " + r.get("scope"),
                        r.get("round"), r.get("seed"), r.get("test_accuracy_final"), "true".equals(r.get("diverged")) ? ", diverged" : ""))
                .toList();
        if (!chance.isEmpty()) sb.append("; at chance accuracy (trained to nothing): ").append(String.join(", ", chance));
        String machines = TierMachines.of(t.dir(), rows);
        if (!machines.isEmpty()) sb.append("; CPUs: ").append(machines);
        return sb.append(".\n").toString();
    }

    private static String signed(String v) {
        double d = Double.parseDouble(v);
        return (d >= 0 ? "+" : "") + num(v);
    }

    private static String num(String v) {
        double d = Double.parseDouble(v);
        return Math.abs(d) < 0.001 && d != 0 ? "%.1e".formatted(d) : Math.abs(d) >= 100 ? "%.0f".formatted(d) : "%.3g".formatted(d);
    }
}
