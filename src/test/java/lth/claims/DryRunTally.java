package lth.claims;

import lth.claim.DryRun;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * In a dry run of the nightly ({@code -Dlth.dryRun=true}): whether each claim ran end to end, per claim, into
 * {@code target/dry-run-tally.txt} ({@code scripts/nightly-dry-run} reads it). A claim ran when every case reached a
 * verdict, whichever: at dry-run scale a verdict means nothing, only that the night's path works. A case skipped
 * (missing data or hardware, also when {@code -Dlth.skipIsFailure} made the skip a failure) makes its claim
 * skipped; any other error, or a claim whose cases could not even be listed, makes it failed.
 */
public class DryRunTally implements TestExecutionListener {
    enum Status { RAN, SKIPPED, FAILED }

    private final Map<String, Status> claims = new TreeMap<>();
    private final Map<String, String> why = new TreeMap<>();

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!DryRun.on() || System.getProperty("lth.claims") == null) return;
        String claim = claimOf(id);
        if (claim == null) return;
        if (id.isContainer() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) return;
        Status s = classify(result);
        claims.merge(claim, s, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        if (s != Status.RAN) why.putIfAbsent(claim, result.getThrowable().map(t -> String.valueOf(t.getMessage()).lines()
                .findFirst().orElse("")).orElse(result.getStatus().toString()));
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (!DryRun.on() || System.getProperty("lth.claims") == null) return;
        String claim = claimOf(id);
        if (claim == null) return;
        claims.merge(claim, Status.SKIPPED, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        why.putIfAbsent(claim, "disabled: " + reason);
    }

    /** A verdict of any kind is RAN; a data or hardware skip SKIPPED; anything else FAILED. */
    static Status classify(TestExecutionResult r) {
        String m = r.getThrowable().map(t -> String.valueOf(t.getMessage()).strip()).orElse("");
        if (m.startsWith("[")) m = m.substring(1);
        return switch (r.getStatus()) {
            case SUCCESSFUL -> Status.RAN;
            case ABORTED -> m.startsWith("INCONCLUSIVE") ? Status.RAN : Status.SKIPPED;
            case FAILED -> m.startsWith("NOT REPRODUCED") ? Status.RAN : m.startsWith("SKIPPED") ? Status.SKIPPED : Status.FAILED;
        };
    }

    /** The claim a test or its parameterized container belongs to: its {@link ClaimTest} id, or CAL-1. */
    static String claimOf(TestIdentifier id) {
        if (!(id.getSource().orElse(null) instanceof MethodSource m)) return null;
        if (m.getClassName().endsWith("StatisticsCalibrationClaimIT")) return "CAL-1";
        try {
            for (var method : Class.forName(m.getClassName()).getDeclaredMethods())
                if (method.getName().equals(m.getMethodName()) && method.isAnnotationPresent(ClaimTest.class))
                    return method.getAnnotation(ClaimTest.class).value();
        } catch (ClassNotFoundException e) {
            return null;
        }
        return null;
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (!DryRun.on() || System.getProperty("lth.claims") == null) return;
        StringBuilder sb = new StringBuilder();
        claims.forEach((c, s) -> sb.append(c).append(' ').append(s).append(why.containsKey(c) ? " " + why.get(c) : "").append('\n'));
        System.out.print("\n==== DRY RUN tally (claims that ran end to end; verdicts at this scale mean nothing) ====\n" + sb);
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "dry-run-tally.txt"), sb.toString());
        } catch (Exception e) {
            System.err.println("could not write target/dry-run-tally.txt: " + e);
        }
    }
}
