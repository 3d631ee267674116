package lth.report;

import lth.data.DataUnavailableException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary's "not run because" word, from the skip reasons the engine writes. */
class NotRunTest {
    @Test
    @DisplayName("each kind of skip reason gets its word; an unknown one stays 'skipped'")
    void kinds() {
        assertThat(NotRun.kind("SKIPPED: LTH-6" + NotRun.DEFERRED + "convolutions are slow here")).isEqualTo(NotRun.NIGHTLY_ONLY);
        assertThat(NotRun.kind("SKIPPED: LTH-6 needs a GPU backend at nightly scale; run on a GPU runner with -Pcuda"))
                .isEqualTo(NotRun.GPU_MISSING);
        assertThat(NotRun.kind("SKIPPED: " + new DataUnavailableException("cifar10", "/data (lth.cifar10)", "scripts/fetch-data")
                .getMessage() + " (fails this run: -Dlth.skipIsFailure=true)")).isEqualTo(NotRun.DATA_MISSING);
        assertThat(NotRun.kind("SKIPPED: STAB-2 needs the dataset 'imagenet', which this harness cannot load yet"))
                .isEqualTo(NotRun.DATA_MISSING);
        assertThat(NotRun.kind("SKIPPED: LTH-1 has no reduced scale: its claim file LTH-1.yaml has no profiles.reduced block"))
                .isEqualTo(NotRun.NO_SCALE);
        assertThat(NotRun.kind("SKIPPED: STAB-2: ResNet-50 (ImageNet) is not built by this harness yet: add its builder to "
                + "lth.model.Architectures")).isEqualTo(NotRun.MODEL_MISSING);
        assertThat(NotRun.kind("something else")).isEqualTo(NotRun.OTHER);
        assertThat(NotRun.kind(null)).isEqualTo(NotRun.OTHER);
    }
}
