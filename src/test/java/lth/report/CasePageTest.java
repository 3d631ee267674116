package lth.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CasePageTest {
    @Test
    void claimPageLeadsWithThePaperThenTheVerdict() {
        String md = CasePage.lead("Winning tickets learn faster\nthan the original <net>.",
                "Figure 3", "NOT REPRODUCED", "| a | b |");
        assertThat(md).isEqualTo("> Winning tickets learn faster\n> than the original &lt;net&gt;.\n>\n> — Figure 3\n"
                + "\n**Verdict:** NOT REPRODUCED\n\n| a | b |\n");
    }

    @Test
    void verdictDefaultsToPending() {
        assertThat(CasePage.lead("s", null, null, null)).isEqualTo("> s\n\n**Verdict:** pending\n");
    }
}
