package lth.claims;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** -Dlth.claims.only: which claims a nightly shard generates cases for. */
class ClaimSelectionTest {
    @Test
    @DisplayName("unset or blank selects every claim")
    void unsetSelectsAll() {
        assertThat(ClaimArguments.selected("LTH-1", null)).isTrue();
        assertThat(ClaimArguments.selected("LTH-5", " ")).isTrue();
    }

    @Test
    @DisplayName("a list selects exactly its ids, spaces and empty entries ignored")
    void listSelects() {
        assertThat(ClaimArguments.selected("LTH-1", "LTH-1, LTH-3,")).isTrue();
        assertThat(ClaimArguments.selected("LTH-3", "LTH-1, LTH-3,")).isTrue();
        assertThat(ClaimArguments.selected("LTH-2", "LTH-1, LTH-3,")).isFalse();
    }

    @Test
    @DisplayName("CAL-1 (no claim file) is selectable: it runs in the one shard that lists it, or when nothing is selected")
    void calibrationIsSelectable() {
        assertThat(ClaimArguments.selected(ClaimArguments.CALIBRATION, "LTH-1,CAL-1")).isTrue();
        assertThat(ClaimArguments.selected(ClaimArguments.CALIBRATION, "LTH-6,LTH-7")).isFalse();
        assertThat(ClaimArguments.selected(ClaimArguments.CALIBRATION, null)).isTrue();
        assertThat(ClaimArguments.selected("LTH-1", "CAL-1")).isFalse();
    }

    @Test
    @DisplayName("an id no claim file has is an error naming the known ids")
    void unknownIdFails() {
        assertThatThrownBy(() -> ClaimArguments.selected("LTH-1", "LTH-1,LTH-99"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LTH-99").hasMessageContaining("LTH-5");
    }
}
