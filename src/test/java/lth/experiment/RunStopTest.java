package lth.experiment;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import static lth.experiment.RunCheckpointsTest.SPEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Experiment#stopWhen}: once the budget says stop, a run being trained stops right after its next
 * checkpoint (nothing stored, the checkpoint kept, its head readable for estimates); asked again by the same
 * or a fresh Experiment it resumes there and is stored with exactly the bits of the uninterrupted run.
 */
class RunStopTest {
    @Test
    @DisplayName("stopped at its next checkpoint, kept in the store; asked again, resumed to the uninterrupted bits")
    void stopsAtACheckpointAndResumes(@TempDir Path dir) {
        RunCheckpointsTest.uninterrupted(dir.resolve("reference"));
        RunSpec dense = new RunSpec(SPEC.setup(), SPEC.seed(), Arm.TICKET, 0);      // 300 iterations, SPEC's parent
        Experiment ex = RunCheckpointsTest.experiment(dir.resolve("store"), 65);
        AtomicBoolean stop = new AtomicBoolean(true);            // spent from the start: the first checkpoint stops it
        ex.stopWhen(stop::get);
        String out = RunCheckpointsTest.printed(() -> {
            assertThatThrownBy(() -> ex.run(dense).join()).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(RunStopped.class).hasMessageContaining("dense, seed 4: stopped at iteration 65");
            return null;
        });
        assertThat(out).contains("dense, seed 4 | stopped at iteration 65, its checkpoint kept");
        RunStore store = ex.store();
        assertThat(store.has(dense)).isFalse();
        assertThat(store.checkpoints().position(dense)).hasValueSatisfying(p -> {
            assertThat(p.iteration()).isEqualTo(65);
            assertThat(p.seconds()).isPositive();
        });
        assertThat(store.checkpoints().position(SPEC)).as("another run's").isEmpty();
        stop.set(false);
        StoredRun resumed = ex.stored(dense);                     // the stopped future was forgotten: this resumes it
        StoredRun want = new RunStore(dir.resolve("reference")).get(dense).orElseThrow();
        assertThat(resumed.metrics().valLoss()).isEqualTo(want.metrics().valLoss());
        assertThat(resumed.state().params()).isEqualTo(want.state().params());
        assertThat(store.checkpoints().position(dense)).as("removed once stored").isEmpty();
        RunCheckpointsTest.assertSameAsReference(ex.stored(SPEC));
    }
}
