package lth.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TablesTest {
    @Test
    void htmlEscapesEveryCell() {
        String html = Tables.html(List.of("<b>quantity</b>"),
                List.of(List.of("a & b < c > d \"e\" 'f'")));
        assertThat(html).contains("&lt;b&gt;quantity&lt;/b&gt;")
                .contains("a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;")
                .doesNotContain("<b>");
    }

    @Test
    void markdownEscapesPipesAndFlattensLines() {
        String md = Tables.markdown(List.of("quantity", "paper", "measured"),
                List.of(List.of("a|b", 3.5, "line1\nline2"), List.of("<early stop>", "a&b", "")));
        assertThat(md).isEqualTo("| quantity | paper | measured |\n| --- | --- | --- |\n| a\\|b | 3.5 | line1 line2 |\n"
                + "| &lt;early stop&gt; | a&amp;b |  |\n");
    }
}
