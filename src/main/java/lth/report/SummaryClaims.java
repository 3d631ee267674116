package lth.report;

import java.util.*;

/** The per-claim view of the summary rows: one line per claim, in claim-number order. */
final class SummaryClaims {
    private SummaryClaims() { }

    /** Per claim: the verdicts of its cases, e.g. "REPRODUCED (2/2 cases)" or "INCONCLUSIVE 1/2, REPRODUCED 1/2". */
    static Map<String, String> verdicts(List<SummaryRow> rows) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>(SummaryRow.BY_ID);
        for (SummaryRow r : rows) counts.computeIfAbsent(r.claim(), k -> new TreeMap<>()).merge(r.verdict(), 1, Integer::sum);
        Map<String, String> out = new TreeMap<>(SummaryRow.BY_ID);
        counts.forEach((claim, c) -> out.put(claim, tally(c)));
        return out;
    }

    /** Verdict → cases as "REPRODUCED (2/2 cases)" or "INCONCLUSIVE 1/2, REPRODUCED 1/2". */
    static String tally(Map<String, Integer> counts) {
        int n = counts.values().stream().mapToInt(Integer::intValue).sum();
        return counts.size() == 1 ? "%s (%d/%d cases)".formatted(counts.keySet().iterator().next(), n, n)
                : String.join(", ", counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + "/" + n).toList());
    }

    /** The rows of each claim, in claim-number order. */
    static Map<String, List<SummaryRow>> byClaim(List<SummaryRow> rows) {
        Map<String, List<SummaryRow>> out = new TreeMap<>(SummaryRow.BY_ID);
        for (SummaryRow r : rows) out.computeIfAbsent(r.claim(), k -> new ArrayList<>()).add(r);
        return out;
    }

    /** claim, title, verdict (with † when disclosed), not run because, scale, dataset, seeds. */
    static List<List<String>> rows(List<SummaryRow> rows) { return rows(rows, Map.of()); }

    /** The same, then one column per other tier ({@link SummaryTiers}): the claim's verdicts there, or "—". */
    static List<List<String>> rows(List<SummaryRow> rows, Map<String, Map<String, String>> tiers) {
        Map<String, String> verdicts = verdicts(rows);
        List<List<String>> out = new ArrayList<>();
        byClaim(rows).forEach((claim, rs) -> {
            SummaryRow first = rs.get(0), ran = rs.stream().filter(SummaryRow::ran).findFirst().orElse(null);
            String why = String.join(", ", new TreeSet<>(rs.stream().filter(r -> !r.ran()).map(SummaryRow::notRun).toList()));
            boolean disclosed = rs.stream().anyMatch(r -> !r.disclosure().isEmpty());
            List<String> row = new ArrayList<>(List.of(claim, first.title(), verdicts.get(claim) + (disclosed ? SummaryMarkdown.DISCLOSED : ""), why,
                    ran == null ? SummaryRow.NONE : ran.scale(), ran == null ? SummaryRow.NONE : ran.dataset(),
                    ran == null ? SummaryRow.NONE : ran.seeds()));
            tiers.values().forEach(t -> row.add(t.getOrDefault(claim, SummaryRow.NONE)));
            out.add(row);
        });
        return out;
    }

    /** Each claim in progress (budgeted nights, no verdict yet) with its progress, in claim-number order. */
    static Map<String, String> progress(List<SummaryRow> rows) {
        Map<String, String> out = new TreeMap<>(SummaryRow.BY_ID);
        for (SummaryRow r : rows) if (r.inProgress()) out.putIfAbsent(r.claim(), r.progress());
        return out;
    }

    /** Each claim's disclosure (the first its cases carry), in claim-number order. */
    static Map<String, String> disclosures(List<SummaryRow> rows) {
        Map<String, String> out = new TreeMap<>(SummaryRow.BY_ID);
        for (SummaryRow r : rows) if (!r.disclosure().isEmpty()) out.putIfAbsent(r.claim(), r.disclosure());
        return out;
    }
}
