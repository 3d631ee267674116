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
}
