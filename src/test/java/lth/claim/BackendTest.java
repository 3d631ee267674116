package lth.claim;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackendTest {
    @Test
    @DisplayName("the CUDA backend (JCublasBackend) counts as a GPU, the CPU backend does not")
    void gpuByName() {
        assertThat(Backend.isGpu("JCublasBackend")).isTrue();
        assertThat(Backend.isGpu("CpuBackend")).isFalse();
    }
}
