package lth.claims;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

class RunSummaryTest {
    @Test
    @DisplayName("the suite's wall time counts from the JVM's start, not from when the summary class was first used")
    void wallFromJvmStart() {
        double upBefore = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        assertThat(upBefore).isPositive();
        assertThat(RunSummary.wallSeconds()).isGreaterThanOrEqualTo(upBefore);
        assertThat(new RunSummary().cost()).contains(" wall on ");
    }

    @Test
    @DisplayName("the end table gives the seeds a case's test paired, not the run's count (a comparison may use fewer)")
    void seedsPaired() {
        RunSummary summary = new RunSummary();
        var pr = new lth.stats.PairedResult("x", 5, 80, 78, 2, 3.4, -1.3, 5.3, 0.6, 0.13, 0.2, 0.13, 0.13, 0.14,
                lth.stats.Verdict.INCONCLUSIVE, "made up");
        summary.record(ClaimHonestyTest.CASE, pr, null);
        assertThat(summary.table()).containsPattern("INCONCLUSIVE +LTH-3 .*, 5 seeds");
    }
}
