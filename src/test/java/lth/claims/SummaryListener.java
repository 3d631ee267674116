package lth.claims;

import lth.claim.RunSummary;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import java.nio.file.Path;

/** Prints the verdict table at the end of the claim run and keeps it in target/lth-summary.txt. */
public class SummaryListener implements TestExecutionListener {
    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (RunSummary.rows().isEmpty()) return;
        System.out.println(RunSummary.table());
        try {
            RunSummary.write(Path.of("target", "lth-summary.txt"));
        } catch (Exception e) {
            System.err.println("could not write target/lth-summary.txt: " + e);
        }
    }
}
