package lth.report;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes environment.properties and categories.json once per test JVM, before the first test, so
 * no claim test has to remember to. Registered through
 * META-INF/services/org.junit.platform.launcher.TestExecutionListener (the launcher loads it like
 * Allure's own listener). Written at the start, not the end, so a JVM that dies mid-run still
 * leaves them. Lives in src/test because the launcher API is only on the test classpath.
 */
public final class ResultsDirectoryListener implements TestExecutionListener {
    private static final Logger LOG = Logger.getLogger(ResultsDirectoryListener.class.getName());
    private static final AtomicBoolean DONE = new AtomicBoolean();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        if (!testPlan.containsTests() || !DONE.compareAndSet(false, true)) {
            return;
        }
        try {
            ResultsDirectory.writeAll();
        } catch (IOException | RuntimeException e) {
            // The report loses its environment table; the claims themselves must still run.
            LOG.log(Level.WARNING, "could not write Allure environment/categories", e);
        }
    }
}
