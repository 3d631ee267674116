package lth.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The committed results of a tier ({@code reports/<profile>/}): per claim, the per-seed runs
 * ({@code <claim>.csv}, {@code <claim>.pilot.csv}) and the per-case verdicts
 * ({@code <claim>.verdicts.csv}, {@code <claim>.pilot.verdicts.csv}) that the claim tests export.
 * Reads files only; knows nothing of how they were made.
 */
public record TierResults(Path dir, Map<String, List<Map<String, String>>> runs,
                          Map<String, List<Map<String, String>>> verdicts,
                          Map<String, List<Map<String, String>>> groupVerdicts) {

    /** The columns of {@code <claim>.csv}: one run per row. */
    public static final List<String> RUN_COLUMNS = List.of("claim", "profile", "dataset", "model", "width", "arm", "rewind",
            "scope", "optimizer", "iterations", "round", "pm_percent", "seed", "es_iteration", "last_eval_iteration",
            "test_accuracy_at_es", "test_accuracy_final", "min_validation_loss", "diverged", "train_seconds", "config_hash");

    /**
     * The columns of {@code <claim>.verdicts.csv}: one case (comparison at a level) per row. The effect columns
     * ({@code mean_effect}, {@code ci_low}, {@code ci_high}) are oriented (positive supports the claim), in percentage
     * points or, when {@code relative}, as a fraction (0.2 = 20%); {@code test} is superiority, non-inferiority or
     * equivalence; {@code margin} is what the test is against (for equivalence the bound, ±) and {@code min_effect} the
     * smallest effect the claim names (for equivalence the bound again).
     */
    public static final List<String> VERDICT_COLUMNS = List.of("claim", "profile", "pilot", "comparison", "a", "b", "metric",
            "round", "pm_percent", "seeds", "n", "mean_a", "mean_b", "mean_effect", "sd_effect", "ci_low", "ci_high", "p", "p_holm",
            "power", "seeds_for_power", "verdict", "explanation", "test", "relative", "margin", "min_effect");

    /** The last four verdict columns came later (2026-12-03): files written before them are read without them. */
    static final List<String> VERDICT_COLUMNS_REQUIRED = VERDICT_COLUMNS.subList(0, VERDICT_COLUMNS.indexOf("test"));

    /** Claim ids sorted by family, then number (LTH-2 before LTH-10). */
    static final java.util.Comparator<String> BY_NUMBER = java.util.Comparator
            .comparing((String id) -> id.replaceAll("-.*", ""))
            .thenComparingInt(id -> Integer.parseInt(id.replaceAll("\\D+", "0")));

    public static TierResults read(Path dir) throws IOException {
        Map<String, List<Map<String, String>>> runs = new TreeMap<>(BY_NUMBER_KEY);
        Map<String, List<Map<String, String>>> verdicts = new TreeMap<>(BY_NUMBER_KEY);
        Map<String, List<Map<String, String>>> groups = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".csv", "");
                // a seed group's files (<claim>.seeds-1-5.csv) are pieces, not results of the claim: their
                // verdicts are shown as partial progress, their runs are not charted
                if (name.contains(".seeds-")) {
                    if (name.endsWith(".verdicts")) groups.put(name.replace(".verdicts", ""), rows(f));
                } else if (name.endsWith(".verdicts")) verdicts.put(name.replace(".verdicts", ""), rows(f));
                else runs.put(name, rows(f));
            }
        }
        return new TierResults(dir, runs, verdicts, groups);
    }

    /** Keys like {@code LTH-12} and {@code LTH-12.pilot}: by claim number, the pilot after the confirmatory. */
    static final java.util.Comparator<String> BY_NUMBER_KEY = java.util.Comparator
            .comparing((String k) -> k.replace(".pilot", ""), BY_NUMBER).thenComparing(k -> k.endsWith(".pilot"));

    static List<Map<String, String>> rows(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            List<Map<String, String>> out = new ArrayList<>();
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                if (!rec.isConsistent())
                    throw new IOException(file + ": record " + rec.getRecordNumber() + " has " + rec.size() + " fields, the header "
                            + rec.getParser().getHeaderNames().size());
                Map<String, String> row = rec.toMap();
                for (String col : file.toString().endsWith(".verdicts.csv") ? VERDICT_COLUMNS_REQUIRED : RUN_COLUMNS)
                    if (!row.containsKey(col)) throw new IOException(file + ": no column '" + col + "'");
                out.add(row);
            }
            return out;
        }
    }
}
