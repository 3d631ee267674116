package lth.report;

import java.util.Comparator;

/**
 * One claim case as reports/SUMMARY.md shows it. A case that did not run has {@code notRun} set (nightly-only,
 * data missing, GPU missing, no scale for this profile, ...) and no dataset, scale or seeds ("—"): nothing
 * ran at one. A case of a claim still being trained across budgeted nights has verdict IN PROGRESS and its
 * {@code progress} (runs done / needed, hours left): neither a verdict nor a skip. {@code disclosure} is the
 * claim file's note on design changes made after seeing results. {@code caseName} is the case's name in the
 * Allure report (its test name), which the Overview links to.
 */
public record SummaryRow(String claim, String title, String comparison, double pm, int round, String paper,
                         String ours, String dataset, String profile, String scale, String seeds, String verdict,
                         String notRun, String disclosure, String date, String commit, String backend,
                         String caseName, String progress) {
    static final String NONE = "—";

    /** Whether the case has a verdict from runs (not skipped, not in progress). */
    public boolean ran() { return notRun.isEmpty() && progress.isEmpty(); }

    public boolean inProgress() { return !progress.isEmpty(); }

    public String pmText() { return Double.isNaN(pm) ? NONE : "%.1f%%".formatted(pm); }

    /** Claim ids in reading order: by prefix, then by number (LTH-2 before LTH-10). */
    public static final Comparator<String> BY_ID = Comparator.comparing((String id) -> id.replaceAll("-?[0-9]+$", ""))
            .thenComparingInt(id -> id.matches(".*-[0-9]+") ? Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)) : 0)
            .thenComparing(Comparator.naturalOrder());

    /** By claim, comparison, then falling Pm (a case without a Pm last). */
    public static final Comparator<SummaryRow> ORDER = Comparator.comparing(SummaryRow::claim, BY_ID)
            .thenComparing(SummaryRow::comparison)
            .thenComparing(r -> Double.isNaN(r.pm()) ? Double.NEGATIVE_INFINITY : r.pm(), Comparator.reverseOrder());

    /** The calibration claim (CAL-1): its own section with its own numbers, never a row of the claim tables. */
    public record Calibration(String id, String title, String outcome, String tables, String profile, String date,
                              String commit) { }
}
