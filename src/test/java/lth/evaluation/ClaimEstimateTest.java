package lth.evaluation;

import lth.claim.ClaimDirectory;
import lth.claim.ClaimFiles;
import lth.claim.ClaimSpec;
import lth.claim.Setups;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The total estimate printed in each claim's "[ID] profile ..." line. */
class ClaimEstimateTest {
    @Test
    @DisplayName("runs to train × measured seconds per run, spread over the workers (no more than the plan's independent chains)")
    void estimate() {
        ClaimSpec c = ClaimDirectory.scan(ClaimFiles.directory()).get("LTH-1");
        String line = ClaimEngine.estimate(Setups.of(c, "quick"), 64, ClaimEngine.workers(), 8, java.util.Optional.empty());
        int w = Math.min(ClaimEngine.workers(), 8);
        assertThat(line).startsWith("; estimated ~").contains("(64 runs × ~3.9s, " + w + " workers; measured step times)");
        assertThat(ClaimEngine.estimate(Setups.of(c, "quick"), 0, ClaimEngine.workers(), 8, java.util.Optional.empty())).as("nothing to train").isEmpty();
        ClaimSpec imagenet = ClaimDirectory.scan(ClaimFiles.directory()).get("STAB-2");
        assertThat(ClaimEngine.estimate(Setups.of(imagenet, "quick"), 10, ClaimEngine.workers(), 5, java.util.Optional.empty()))
                .isEqualTo("; no estimate (no measured step time for resnet-50 at batch 1024 on imagenet)");
        assertThat(ClaimEngine.estimate(Setups.of(c, "quick"), 64, ClaimEngine.workers(), 8, java.util.Optional.of(new MeasuredHere(33, 666))))
                .as("the claim's runs stored from this CPU win over the table")
                .contains("(64 runs × ~11m06s, " + w + " workers; median of 33 of its runs stored from this CPU)");
    }

    @Test
    @DisplayName("a run's time left: its checkpoint, else runs trained here tonight, else its claim's runs stored from this CPU, else the table")
    void runEstimates(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        ClaimSpec c = ClaimDirectory.scan(ClaimFiles.directory()).get("LTH-8");
        var run = lth.claim.ClaimPlan.of(lth.claim.ProfileClaim.of(c, "reduced"), java.util.List.of(1L)).runs().get(0);
        RunEstimates e = new RunEstimates(new lth.experiment.RunStore(dir).checkpoints(), false);
        assertThat(e.of(run).basis()).isEqualTo(RunEstimates.TABLE_CPU);
        e.stored(run.setup(), new MeasuredHere(33, 600));
        assertThat(e.of(run)).as("600 s a run of 10000 iterations")
                .isEqualTo(new RunEstimates.Estimate(600.0 / 10000 * lth.experiment.StepTimes.iterations(run), RunEstimates.STORED));
    }
}
