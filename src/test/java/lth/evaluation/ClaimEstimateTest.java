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
        String line = ClaimEngine.estimate(Setups.of(c, "quick"), 64, ClaimEngine.workers(), 8);
        int w = Math.min(ClaimEngine.workers(), 8);
        assertThat(line).startsWith("; estimated ~").contains("(64 runs × ~3.9s, " + w + " workers; measured step times)");
        assertThat(ClaimEngine.estimate(Setups.of(c, "quick"), 0, ClaimEngine.workers(), 8)).as("nothing to train").isEmpty();
        ClaimSpec imagenet = ClaimDirectory.scan(ClaimFiles.directory()).get("STAB-2");
        assertThat(ClaimEngine.estimate(Setups.of(imagenet, "quick"), 10, ClaimEngine.workers(), 5))
                .isEqualTo("; no estimate (no measured step time for resnet-50 at batch 1024 on imagenet)");
    }
}
