package lth.claim;

import lth.evaluation.ClaimEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Catalogue: malformed -Dlth.* values give one clear message naming the property and what is expected. */
class CommandLinePropertiesTest {
    @AfterEach
    void clear() {
        System.clearProperty("lth.workers");
        System.clearProperty("lth.profile");
    }

    @ParameterizedTest(name = "-Dlth.workers=''{0}''")
    @ValueSource(strings = {"two", "0", "-3", "1.5", "", "999"})
    void malformedWorkers(String value) {
        System.setProperty("lth.workers", value);
        assertThatThrownBy(ClaimEngine::workers).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dlth.workers=" + value + " is not a worker count (1..256)");
    }

    @ParameterizedTest(name = "-Dlth.workers=''{0}''")
    @ValueSource(strings = {"1", " 2 ", "256"})
    void wellFormedWorkers(String value) {
        System.setProperty("lth.workers", value);
        assertThat(ClaimEngine.workers()).isEqualTo(Integer.parseInt(value.strip()));
    }

    @ParameterizedTest(name = "-Dlth.profile=''{0}''")
    @ValueSource(strings = {"weekly", "", "Quick", "quick,nightly"})
    void unknownOrMalformedProfile(String value) {
        System.setProperty("lth.profile", value);
        assertThatThrownBy(Profiles::active).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dlth.profile=" + value.strip() + " is not a profile; use one of [quick, reduced, nightly]");
    }
}
