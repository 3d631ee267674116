package lth.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.stream.Stream;

/**
 * The other tiers' verdicts beside a claim run's own: for each committed tier folder ({@code --tiers reports}:
 * {@code reports/<tier>/} with {@code <claim>.verdicts.csv} files, {@link TierResults}) that is not a profile of
 * the run, one column of the "By claim" table: per claim, the confirmatory verdicts of its cases and their seeds
 * (e.g. "NOT REPRODUCED 1/3, REPRODUCED 2/3; seeds 1..12", as the run's own column counts them), "pilot only" before them, or "—". So a claim the
 * quick run marks NOT RUN (nightly-only) shows at once that the reduced tier has its verdicts, in that tier's section.
 */
final class SummaryTiers {
    private SummaryTiers() { }

    static final String PILOT_ONLY = "pilot only (confirmatory seeds to run)";

    /** Tier name → claim → its verdicts there, for the tier folders in {@code reports} other than {@code runProfiles}. */
    static Map<String, Map<String, String>> read(Path reports, Set<String> runProfiles) throws IOException {
        Map<String, Map<String, String>> out = new TreeMap<>();
        if (reports == null || !Files.isDirectory(reports)) return out;
        List<Path> tiers;
        try (Stream<Path> s = Files.list(reports)) {
            tiers = s.filter(Files::isDirectory).filter(d -> !runProfiles.contains(d.getFileName().toString()))
                    .filter(SummaryTiers::hasVerdicts).sorted().toList();
        }
        for (Path d : tiers) {
            Map<String, String> byClaim = of(TierResults.read(d));
            if (!byClaim.isEmpty()) out.put(d.getFileName().toString(), byClaim);
        }
        return out;
    }

    private static boolean hasVerdicts(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(f -> f.getFileName().toString().endsWith(".verdicts.csv"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Per claim with a confirmatory or pilot verdict file in the tier: what the column shows. */
    static Map<String, String> of(TierResults t) {
        Map<String, String> out = new TreeMap<>(TierResults.BY_NUMBER);
        t.verdicts().forEach((key, rows) -> {
            if (rows.isEmpty()) return;
            String claim = key.replace(".pilot", "");
            if (key.endsWith(".pilot")) { out.putIfAbsent(claim, PILOT_ONLY); return; }
            Map<String, Integer> counts = new TreeMap<>();
            for (Map<String, String> r : rows) counts.merge(r.get("verdict").replace('_', ' '), 1, Integer::sum);
            out.put(claim, SummaryClaims.tally(counts) + "; seeds " + SummaryResults.seeds(rows.get(0).get("seeds")));
        });
        return out;
    }

    /**
     * The summary with its "By claim" column for {@code tier} brought up to date from {@code byClaim} ({@link #of}), so a
     * tier's new verdicts show there as soon as its section is spliced in ({@link TierReport}); unchanged without the column.
     */
    static String refresh(String summary, String tier, Map<String, String> byClaim) {
        String[] lines = summary.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            List<String> header = cells(lines[i]);
            int col = header.indexOf(tier + " tier (section below)");
            if (col < 0) continue;
            for (int j = i + 2; j < lines.length && lines[j].startsWith("| "); j++) {
                List<String> row = cells(lines[j]);
                if (row.size() != header.size()) continue;
                row.set(col, byClaim.getOrDefault(row.get(0), SummaryRow.NONE));
                lines[j] = "| " + String.join(" | ", row) + " |";
            }
            break;
        }
        return String.join("\n", lines);
    }

    /** The cells of a Markdown table line ("| a | b |" → [a, b]); empty for any other line. */
    private static List<String> cells(String line) {
        if (!line.startsWith("| ") || !line.endsWith(" |")) return List.of();
        return new ArrayList<>(Arrays.stream(line.substring(2, line.length() - 2).split(" \\| ", -1)).map(String::strip).toList());
    }
}
