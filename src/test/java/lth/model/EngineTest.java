package lth.model;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngineTest {
    @Test
    @DisplayName("the CUDA backend (JCublasBackend) counts as a GPU, the CPU backend does not; the engine id names oneDNN when it runs")
    void names() {
        assertThat(Engine.isGpu("JCublasBackend")).isTrue();
        assertThat(Engine.isGpu("CpuBackend")).isFalse();
        assertThat(Engine.gpu()).isFalse();                       // this build's tests run on the CPU backend
        assertThat(Engine.id()).isEqualTo(Engine.oneDnn() ? "cpu+onednn" : "cpu");
    }
}
