package lth.claims;

import lth.claim.ClaimCase;
import lth.claim.ClaimSpec;
import lth.claim.DryRun;
import lth.claim.SeedSelection;
import lth.evaluation.ClaimEngine;
import lth.experiment.Outcome;
import lth.stats.PairedResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/** Every case's verdict in a claim run ({@link ClaimSession}), printed as a table when the run ends and kept for the summary file. */
public final class RunSummary {
    public record Row(String claim, String comparison, int level, double pm, String profile, String dataset,
                      int seeds, String verdict, String measured) { }

    static final String REQUIRED_NOT_RUN = "REQUIRED_NOT_RUN", IN_PROGRESS = "IN_PROGRESS";

    private final List<Row> rows = new ArrayList<>();
    private final Set<String> trained = new HashSet<>(), stored = new HashSet<>();
    /** Training seconds of every distinct run, trained here or when it was stored (its own measurement). */
    private final Map<String, Double> runSeconds = new HashMap<>();

    /** Counts a claim's runs once each (claims share runs): trained here, or read back from the run store. */
    synchronized void runs(List<Outcome> outcomes) {
        for (var o : outcomes) {
            (o.cached() ? stored : trained).add(o.hash());
            runSeconds.put(o.hash(), o.metrics().seconds());
        }
    }

    /**
     * Wall seconds since this JVM started (the claims' test JVM: ND4J's start-up, data loading,
     * training, analysis). Not since the run's first claim: the cost line once left its whole training out.
     */
    static double wallSeconds() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
    }

    /**
     * The suite's cost line: wall time on this machine (since the JVM started), where the runs came
     * from, and the sum of the runs' own training times (measured when each was trained, possibly in
     * an earlier build), so that a warm rerun also says what training them took.
     */
    synchronized String cost() {
        double training = runSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        return "%s wall on %d cores, %d workers; %d runs trained, %d from the run store; the %d runs' own training times add up to %s of worker time".formatted(
                duration(wallSeconds()), Runtime.getRuntime().availableProcessors(), ClaimEngine.workers(),
                trained.size(), stored.size(), runSeconds.size(), duration(training));
    }

    private static String duration(double seconds) {
        return seconds < 120 ? "%.0f s".formatted(seconds) : "%.1f min".formatted(seconds / 60);
    }

    void record(ClaimCase c, PairedResult pr, String skip) {
        add(c, pr == null ? (skip.startsWith("SKIPPED") ? "SKIPPED" : "NOT RUN") : pr.verdict().name(),
                pr == null ? "SKIPPED" : pr.verdict().name(), pr == null ? skip : pr.explanation(), pr == null ? -1 : pr.n());
    }

    /** A case that was skipped for missing data or hardware where the run requires it (-Dlth.skipIsFailure): it fails. */
    void recordRequired(ClaimCase c, String failure) { add(c, REQUIRED_NOT_RUN, REQUIRED_NOT_RUN, failure, -1); }

    /** A case whose claim a budgeted night did not finish: no verdict, its progress. */
    void recordInProgress(ClaimCase c, String progress) { add(c, IN_PROGRESS, IN_PROGRESS, progress, -1); }

    /** {@code paired}: the seeds the case's test paired (a comparison may use fewer than the run's), -1 where none ran. */
    private synchronized void add(ClaimCase c, String verdict, String printed, String measured, int paired) {
        var p = c.claim().profiles().get(c.profile());
        rows.add(new Row(c.claim().id(), c.spec().name(), c.level(), c.pm(), c.profile(), p == null ? "-" : p.dataset(),
                paired >= 0 ? paired : p == null ? 0 : seedsRun(c.claim(), p), verdict, measured));
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

    synchronized List<Row> rows() { return List.copyOf(rows); }

    /** The end-of-run table; also written to {@code target/lth-summary.txt}. */
    synchronized String table() {
        StringBuilder sb = new StringBuilder("\n==== lth-repro: claim verdicts" + (DryRun.on() ? " (DRY RUN: not results)" : "") + " ====\n");
        for (Row r : rows)
            sb.append("%-15s %-6s %-55s Pm %5.1f%%  %s, %d seeds%n".formatted(r.verdict(), r.claim(),
                    r.comparison().length() > 55 ? r.comparison().substring(0, 54) + "…" : r.comparison(), r.pm(),
                    r.dataset(), r.seeds()));
        long ok = count("REPRODUCED");
        long required = count(REQUIRED_NOT_RUN);
        long progress = count(IN_PROGRESS);
        sb.append("%d cases: %d reproduced, %d not reproduced, %d inconclusive, %s%d skipped%s%nsuite cost: %s%n".formatted(
                rows.size(), ok, count("NOT_REPRODUCED"), count("INCONCLUSIVE"), progress == 0 ? "" : progress + " in progress (no verdict yet), ",
                rows.size() - ok - count("NOT_REPRODUCED") - count("INCONCLUSIVE") - required - progress,
                required == 0 ? "" : ", %d required but not run (failed)".formatted(required), cost()));
        return sb.toString();
    }

    private long count(String v) { return rows.stream().filter(r -> r.verdict().equals(v)).count(); }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, table());
    }
}
