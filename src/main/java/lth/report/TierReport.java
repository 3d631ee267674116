package lth.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/**
 * The committed report of a tier, from its CSVs alone ({@link TierResults}): a Markdown section with
 * a verdict per case (the confirmatory one beside the pilot's), each setup's dense accuracy and the
 * share of runs per arm whose early stop is the last evaluation, and PNG charts of the metric against
 * Pm per arm.
 *
 * <pre>
 *   TierReport DIR [--markdown FILE] [--splice SUMMARY.md] [--chart CLAIM[,CLAIM...]=FILE.png]... [--forest FILE.png]
 * </pre>
 * {@code --forest} draws every confirmatory verdict in one picture ({@link VerdictChart}).
 * {@code --splice} puts the section between {@code <!-- BEGIN <tier> tier -->} and its END marker in
 * the file (appending both the first time), the tier being DIR's name, and brings the tier's column of the file's
 * "By claim" table up to date ({@link SummaryTiers#refresh}).
 */
public final class TierReport {
    private TierReport() { }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) throw new IllegalArgumentException("usage: TierReport DIR [--markdown FILE] [--chart IDS=FILE.png]...");
        TierResults t = TierResults.read(Path.of(args[0]));
        for (int i = 1; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--markdown" -> Files.writeString(Path.of(v), TierMarkdown.section(t));
                case "--splice" -> {     // the tier's section, and its column in the summary's By-claim table
                    String tier = t.dir().getFileName().toString();
                    Files.writeString(Path.of(v), SummaryTiers.refresh(splice(Files.readString(Path.of(v)), tier,
                            TierMarkdown.section(t)), tier, SummaryTiers.of(t)));
                }
                case "--chart" -> {    // CLAIM[,CLAIM...][:METRIC]=FILE.png, METRIC a run column (default test_accuracy_final)
                    String[] kv = v.split("=", 2), what = kv[0].split(":", 2);
                    byte[] png = chart(t, List.of(what[0].split(",")), what.length > 1 ? what[1] : "test_accuracy_final");
                    Files.write(Path.of(kv[1]), png);
                }
                case "--forest" -> Files.write(Path.of(v), forest(t));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
    }

    static String splice(String text, String tier, String section) {
        String begin = "<!-- BEGIN " + tier + " tier -->", end = "<!-- END " + tier + " tier -->";
        int b = text.indexOf(begin), e = text.indexOf(end);
        if (b < 0 || e < b) return text + (text.endsWith("\n") ? "" : "\n") + "\n" + begin + "\n" + section + end + "\n";
        return text.substring(0, b) + begin + "\n" + section + text.substring(e);
    }

    /** Every confirmatory verdict of the tier (pilots left out; files from before the test columns too), in claim order. */
    static byte[] forest(TierResults t) {
        List<VerdictChart.Case> cases = new ArrayList<>();
        for (var e : t.verdicts().entrySet()) {
            if (e.getKey().endsWith(".pilot")) continue;
            for (var r : e.getValue()) {
                if (r.getOrDefault("test", "").isEmpty()) continue;
                boolean relative = Boolean.parseBoolean(r.get("relative"));
                double mean = num(r, "mean_effect"), lo = num(r, "ci_low"), hi = num(r, "ci_high");
                String what = r.get("comparison").replaceAll(" \\((equivalence|non-inferiority)\\)$", "");
                String label = "%s  %s, %s: %s".formatted(r.get("claim"), what.length() > 70 ? what.substring(0, 69) + "…" : what,
                        METRICS.getOrDefault(r.get("metric"), r.get("metric")), VerdictChart.numbers(mean, lo, hi, relative));
                cases.add(new VerdictChart.Case(label, r.get("verdict"), r.get("test"), mean, lo, hi,
                        num(r, "margin"), num(r, "min_effect")));
            }
        }
        if (cases.isEmpty()) throw new IllegalArgumentException(t.dir() + ": no confirmatory verdicts with their test columns to draw");
        return VerdictChart.forest(t.dir().getFileName() + " tier: every confirmatory verdict (mean effect over seeds, 90% CI)", cases);
    }

    private static final Map<String, String> METRICS = Map.of("es_iteration", "early stop",
            "test_accuracy_at_es", "accuracy at early stop", "test_accuracy_final", "final accuracy");

    private static double num(Map<String, String> r, String col) { return Double.parseDouble(r.get(col)); }

    /** Test accuracy at the end (the VGG claims' metric) against Pm for every arm of the given claims. */
    static byte[] chart(TierResults t, List<String> ids) { return chart(t, ids, "test_accuracy_final"); }

    /** What a chart's metric is called on its axis: a column of the per-run CSV. */
    static final Map<String, String> AXES = Map.of("test_accuracy_final", "test accuracy at the end (%)",
            "test_accuracy_at_es", "test accuracy at early stop (%)", "es_iteration", "early-stop iteration (minimum validation loss)");

    /** A run metric (a column of {@code <claim>.csv}) against Pm for every arm of the given claims, min–max over seeds. */
    static byte[] chart(TierResults t, List<String> ids, String metric) {
        String axis = AXES.get(metric);
        if (axis == null) throw new IllegalArgumentException("no chart of '" + metric + "': one of " + AXES.keySet());
        List<Charts.ArmSeries> series = new ArrayList<>();
        StringBuilder what = new StringBuilder();
        Map<String, String> first = null;
        for (String id : ids) {
            boolean pilot = !t.runs().containsKey(id);
            List<Map<String, String>> rows = t.runs().get(pilot ? id + ".pilot" : id);
            if (rows == null) throw new IllegalArgumentException("no results for " + id + " in " + t.dir());
            what.append(what.isEmpty() ? "" : " / ").append(id).append(pilot ? " (pilot)" : "");
            if (first == null) first = rows.get(0);
            String prefix = ids.size() > 1 ? id + " (" + brief(rows.get(0).get("optimizer")) + "): " : "";
            for (var e : series(rows).entrySet()) series.add(armSeries(prefix + e.getKey(), e.getValue(), metric));
        }
        Map<String, String> any = first;   // the charted claims' setup (it was the tier's first claim's)
        String title = what + ": " + axis.replaceAll(" \\(.*", "") + " vs Pm (" + any.get("dataset") + ", " + any.get("model") + " width "
                + any.get("width") + ", " + any.get("iterations") + " it)";
        return Charts.metricVsPm(title, axis, series, List.of(), true);
    }

    /**
     * Rows by arm label; the dense runs join every ticket series of the same optimizer (Pm 100%) that is reset
     * to θ0: a rewound ticket (ticket@k) did not start from the dense network's round, so it is drawn at its own
     * levels only (one level: a marker, no line from the dense network).
     */
    static Map<String, List<Map<String, String>>> series(List<Map<String, String>> rows) {
        Set<String> scopes = new TreeSet<>(), optimizers = new TreeSet<>();
        for (var r : rows) {
            if (!r.get("scope").isEmpty()) scopes.add(r.get("scope"));
            optimizers.add(r.get("optimizer"));
        }
        Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
        Map<String, String> optimizerOf = new HashMap<>();
        for (var r : rows) {
            if (r.get("arm").equals("dense")) continue;
            String label = r.get("arm") + (r.get("rewind").equals("0") ? "" : "@" + r.get("rewind"))
                    + (scopes.size() > 1 ? " " + r.get("scope") : "") + (optimizers.size() > 1 ? " " + brief(r.get("optimizer")) : "");
            out.computeIfAbsent(label, k -> new ArrayList<>()).add(r);
            optimizerOf.put(label, r.get("optimizer"));
        }
        for (var r : rows)
            if (r.get("arm").equals("dense"))
                for (var e : out.entrySet())
                    if (e.getKey().startsWith("ticket") && !e.getKey().startsWith("ticket@") && optimizerOf.get(e.getKey()).equals(r.get("optimizer"))) e.getValue().add(r);
        return out;
    }

    /** The schedule part that tells two optimizers apart: warmup, else the learning rate. */
    static String brief(String optimizer) {
        return optimizer.contains("warmup") ? "warmup" : optimizer.replaceAll(".*lr=([0-9.E-]+).*", "lr $1, no warmup");
    }

    static Charts.ArmSeries armSeries(String label, List<Map<String, String>> rows, String metric) {
        TreeMap<Double, List<Double>> byPm = new TreeMap<>(Comparator.reverseOrder());
        for (var r : rows)
            byPm.computeIfAbsent(Double.parseDouble(r.get("pm_percent")), k -> new ArrayList<>())
                    .add(Double.parseDouble(r.get(metric)));
        double[] pm = new double[byPm.size()];
        double[][] perSeed = new double[byPm.size()][];
        int i = 0;
        for (var e : byPm.entrySet()) {
            pm[i] = e.getKey();
            perSeed[i++] = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
        }
        return new Charts.ArmSeries(label, pm, perSeed);
    }
}
