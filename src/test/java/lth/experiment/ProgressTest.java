package lth.experiment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The time left a run's progress line prints: from the claim's plan when it has one, else from the rate so far. */
class ProgressTest {

    @Test
    void timeLeftComesFromThePlanNotFromTheFirstRunsRate() {
        // 12 runs of ~780 s at 2 workers; the first finished after 555 s (resumed from a checkpoint): 11 runs left
        double left = Progress.left(12, 1, 555, runs -> StepTimes.wall(runs, 780, 2, 12));
        assertThat(left).isEqualTo(11 * 780 / 2.0);
        // the rate alone would have said 11 x 555 s, as if the runs trained one after another
        assertThat(Progress.left(12, 1, 555, null)).isEqualTo(11 * 555.0);
    }

    @Test
    void nothingLeftOnceEveryPlannedRunIsTrained() {
        assertThat(Progress.left(4, 4, 900, runs -> StepTimes.wall(runs, 300, 2, 4))).isZero();
        assertThat(Progress.left(4, 5, 900, null)).isZero();   // a retrained store run beyond the plan
        assertThat(Progress.left(4, 0, 0, null)).isZero();
    }
}
