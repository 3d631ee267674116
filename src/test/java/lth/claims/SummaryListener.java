package lth.claims;

import lth.claim.RunSummary;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import java.nio.file.Path;

/** Prints the verdict table at the end of the claim run and keeps it in target/lth-summary.txt. */
public class SummaryListener implements TestExecutionListener {
    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        // Only the claim run (failsafe sets lth.claims): unit tests judge made-up results on purpose.
        if (RunSummary.rows().isEmpty() || System.getProperty("lth.claims") == null) return;
        System.out.println(RunSummary.table());
        try {
            RunSummary.write(Path.of("target", "lth-summary.txt"));
            // The suite's cost on the report's front page (Environment), beside the provenance.
            Path env = lth.report.ResultsDirectory.path().resolve("environment.properties");
            if (java.nio.file.Files.exists(env))
                java.nio.file.Files.writeString(env, "suite.cost=" + RunSummary.cost() + "\n",
                        java.nio.charset.StandardCharsets.ISO_8859_1, java.nio.file.StandardOpenOption.APPEND);
        } catch (Exception e) {
            System.err.println("could not write target/lth-summary.txt: " + e);
        }
    }
}
