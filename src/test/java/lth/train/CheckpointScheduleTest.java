package lth.train;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When checkpoints are written: every N iterations, or about every {@link CheckpointSchedule#INTERVAL} seconds of measured wall time. */
class CheckpointScheduleTest {
    /** The iterations at which a run of {@code iterations} from {@code first}, at {@code pace} seconds per iteration, checkpoints. */
    static List<Integer> written(int every, int first, int iterations, double pace) {
        CheckpointSchedule s = new CheckpointSchedule(every, first, iterations, CheckpointSchedule.INTERVAL);
        List<Integer> at = new ArrayList<>();
        for (int done = first + 1; done <= iterations; done++) if (s.due(done, (done - first) * pace)) at.add(done);
        return at;
    }

    @Test
    @DisplayName("a fixed N: after every multiple of N (the same positions when resumed), never after the last iteration")
    void fixedEvery() {
        assertThat(written(100, 0, 400, 1)).containsExactly(100, 200, 300);
        assertThat(written(100, 150, 400, 1)).containsExactly(200, 300);
        assertThat(written(0, 0, 400, 1)).as("0: none").isEmpty();
    }

    @Test
    @DisplayName("automatic: about every 5 minutes at the measured pace; a run shorter than that writes none")
    void automatic() {
        // 0.1 s an iteration: 3000 iterations are 300 s; the pace is measured after the first 10
        assertThat(written(Checkpoints.AUTO, 0, 10_000, 0.1)).containsExactly(3010, 6010, 9010);
        assertThat(written(Checkpoints.AUTO, 0, 2_900, 0.1)).as("a run of 4m50s").isEmpty();
        assertThat(written(Checkpoints.AUTO, 0, 50_000, 0.003)).as("LeNet at 3 ms: 2m30s, none").isEmpty();
        assertThat(written(Checkpoints.AUTO, 500, 4_000, 0.1)).as("resumed at 500").containsExactly(3510);
    }

    @Test
    @DisplayName("automatic: the interval follows the measured pace when the run slows down")
    void followsThePace() {
        CheckpointSchedule s = new CheckpointSchedule(Checkpoints.AUTO, 0, 100_000, CheckpointSchedule.INTERVAL);
        assertThat(s.due(10, 1.0)).as("the probe places the first checkpoint, writes none").isFalse();   // 0.1 s/it -> +3000
        assertThat(s.due(3010, 301)).isTrue();
        assertThat(s.due(6009, 1800)).isFalse();
        assertThat(s.due(6010, 1801)).as("due as placed, though the run slowed to 0.5 s an iteration").isTrue();
        assertThat(s.due(6609, 2100)).isFalse();
        assertThat(s.due(6610, 2101)).as("placed 300 s ahead at the new pace: 600 iterations").isTrue();
    }

    @Test
    @DisplayName("-Dlth.checkpoint.every: unset is automatic, a number of iterations, or an error naming the property")
    void property() {
        String old = System.getProperty("lth.checkpoint.every");
        try {
            System.clearProperty("lth.checkpoint.every");
            assertThat(Checkpoints.everyFromProperties()).isEqualTo(Checkpoints.AUTO);
            System.setProperty("lth.checkpoint.every", "250");
            assertThat(Checkpoints.everyFromProperties()).isEqualTo(250);
            System.setProperty("lth.checkpoint.every", "-3");
            assertThatThrownBy(Checkpoints::everyFromProperties).hasMessageContaining("-Dlth.checkpoint.every=-3");
            System.setProperty("lth.checkpoint.every", "5min");
            assertThatThrownBy(Checkpoints::everyFromProperties).hasMessageContaining("-Dlth.checkpoint.every=5min");
        } finally {
            if (old == null) System.clearProperty("lth.checkpoint.every"); else System.setProperty("lth.checkpoint.every", old);
        }
    }
}
