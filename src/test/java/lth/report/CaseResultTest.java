package lth.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one file contract between a claim run and its reports: written and read back whole. */
class CaseResultTest {
    static final CaseResult.Case CASE = new CaseResult.Case("LTH-3", "Winning tickets beat random reinitialization",
            "Frankle & Carbin (ICLR 2019)", "lenet-300-100 / MNIST", "ticket beats reinit", "ticket", "reinit",
            "test_accuracy_at_es", false, 6, 26.3, "quick", "seeds raised", "+0.5pp at Pm 21.1%");

    static CaseResult read(String json) throws Exception { return CaseResult.read(new ObjectMapper().readTree(json)); }

    @Test
    @DisplayName("a case that ran: identity, numbers and verdict survive the file")
    void ranRoundTrip() throws Exception {
        var m = new CaseResult.Measured("mnist-10k", 1500, "1500 iterations, width 1.00", "[1, 2, 3]", 3, 3, 1.05, 0.89,
                1.21, 0.9, 97.9, 96.8, 5e-6, 0.59, "n=3: mean +1.05", "CpuBackend");
        CaseResult r = new CaseResult(CASE, m, "REPRODUCED", "", null);
        assertThat(read(r.json())).isEqualTo(r);
        assertThat(r.json()).contains("\"effect_mean\" : 1.05", "\"p_adjusted\" : 5.0E-6", "\"seed_list\" : \"[1, 2, 3]\"");
    }

    @Test
    @DisplayName("a case that did not run: no numbers, why in a word and in full; a missing Pm stays missing")
    void notRunRoundTrip() throws Exception {
        CaseResult.Case noScale = new CaseResult.Case("LTH-3", "t", "p", "s", "c", "ticket", "reinit", "test_accuracy_at_es",
                false, 0, Double.NaN, "reduced", "", null);
        CaseResult r = new CaseResult(noScale, null, "NOT RUN", NotRun.NO_SCALE, "SKIPPED: LTH-3 has no reduced scale: ...");
        CaseResult back = read(r.json());
        assertThat(back.ran()).isFalse();
        assertThat(back.notRun()).isEqualTo(NotRun.NO_SCALE);
        assertThat(back.identity().pm()).isNaN();
        assertThat(r.json()).contains("\"pm\" : null").doesNotContain("effect_mean");
    }
}
