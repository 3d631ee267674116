package lth.claim;

import lth.stats.PairedResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every case's verdict in this JVM, printed as a table when the run ends and kept for the summary file. */
public final class RunSummary {
    private RunSummary() { }

    public record Row(String claim, String comparison, int level, double pm, String profile, String dataset,
                      int seeds, String verdict, String measured) { }

    private static final List<Row> ROWS = new ArrayList<>();
    private static final java.util.Set<String> TRAINED = new java.util.HashSet<>(), STORED = new java.util.HashSet<>();
    /** Training seconds of every distinct run, trained here or when it was stored (its own measurement). */
    private static final java.util.Map<String, Double> RUN_SECONDS = new java.util.HashMap<>();

    /** Counts a claim's runs once each (claims share runs): trained here, or read back from the run store. */
    static synchronized void runs(List<lth.experiment.Outcome> outcomes) {
        for (var o : outcomes) {
            (o.cached() ? STORED : TRAINED).add(o.hash());
            RUN_SECONDS.put(o.hash(), o.metrics().seconds());
        }
    }

    /**
     * Wall seconds since this JVM started (the claims' test JVM: ND4J's start-up, data loading,
     * training, analysis). Not since this class was loaded: that happens when the first claim has
     * finished, and the cost line once left its whole training out.
     */
    static double wallSeconds() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
    }

    /**
     * The suite's cost line: wall time on this machine (since the JVM started), where the runs came
     * from, and the sum of the runs' own training times (measured when each was trained, possibly in
     * an earlier build), so that a warm rerun also says what training them took.
     */
    public static synchronized String cost() {
        double seconds = wallSeconds();
        double training = RUN_SECONDS.values().stream().mapToDouble(Double::doubleValue).sum();
        int workers = ClaimEngine.workers();
        return "%s wall on %d cores, %d workers; %d runs trained, %d from the run store; the %d runs' own training times add up to %s of worker time".formatted(
                duration(seconds), Runtime.getRuntime().availableProcessors(), workers,
                TRAINED.size(), STORED.size(), RUN_SECONDS.size(), duration(training));
    }

    private static String duration(double seconds) {
        return seconds < 120 ? "%.0f s".formatted(seconds) : "%.1f min".formatted(seconds / 60);
    }

    static void record(ClaimCase c, PairedResult pr, String skip) {
        add(c, pr == null ? (skip.startsWith("SKIPPED") ? "SKIPPED" : "NOT RUN") : pr.verdict().name(),
                pr == null ? "SKIPPED" : pr.verdict().name(), pr == null ? skip : pr.explanation());
    }

    /** A case that was skipped for missing data or hardware where the run requires it (-Dlth.skipIsFailure): it fails. */
    static void recordRequired(ClaimCase c, String failure) {
        add(c, REQUIRED_NOT_RUN, REQUIRED_NOT_RUN, failure);
    }

    static final String REQUIRED_NOT_RUN = "REQUIRED_NOT_RUN";

    private static synchronized void add(ClaimCase c, String verdict, String printed, String measured) {
        var p = c.claim().profiles().get(c.profile());
        ROWS.add(new Row(c.claim().id(), c.spec().name(), c.level(), c.pm(), c.profile(), p == null ? "-" : p.dataset(),
                p == null ? 0 : seedsRun(c.claim(), p), verdict, measured));
        System.out.printf("%-14s %s · %s · Pm %.1f%% — %s%n", printed, c.claim().id(), c.spec().name(), c.pm(), measured);
    }

    /** The seeds this run uses (a seed group or the pilot's under -Dlth.seeds), not the profile's count. */
    private static int seedsRun(ClaimSpec claim, ClaimSpec.ProfileSpec p) {
        try {
            return SeedSelection.of(claim, p).size();
        } catch (IllegalArgumentException e) {
            return p.seeds();
        }
    }

    public static synchronized List<Row> rows() { return List.copyOf(ROWS); }

    /** The end-of-run table; also written to {@code target/lth-summary.txt}. */
    public static synchronized String table() {
        StringBuilder sb = new StringBuilder("\n==== lth-repro: claim verdicts" + (DryRun.on() ? " (DRY RUN: not results)" : "") + " ====\n");
        for (Row r : ROWS)
            sb.append("%-15s %-6s %-55s Pm %5.1f%%  %s, %d seeds%n".formatted(r.verdict(), r.claim(),
                    r.comparison().length() > 55 ? r.comparison().substring(0, 54) + "…" : r.comparison(), r.pm(),
                    r.dataset(), r.seeds()));
        long ok = ROWS.stream().filter(r -> r.verdict().equals("REPRODUCED")).count();
        long required = count(REQUIRED_NOT_RUN);
        sb.append("%d cases: %d reproduced, %d not reproduced, %d inconclusive, %d skipped%s%nsuite cost: %s%n".formatted(
                ROWS.size(), ok, count("NOT_REPRODUCED"), count("INCONCLUSIVE"),
                ROWS.size() - ok - count("NOT_REPRODUCED") - count("INCONCLUSIVE") - required,
                required == 0 ? "" : ", %d required but not run (failed)".formatted(required), cost()));
        return sb.toString();
    }

    private static long count(String v) { return ROWS.stream().filter(r -> r.verdict().equals(v)).count(); }

    public static void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, table());
    }
}
