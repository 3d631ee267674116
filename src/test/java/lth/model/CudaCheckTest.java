package lth.model;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The CUDA start-up check's verdicts on hand-made probe results (no GPU here), and its no-op on the CPU build. */
class CudaCheckTest {
    static CudaCheck.Found found(int driver, int runtime, long cudnn, List<Integer> caps) {
        return new CudaCheck.Found(driver, runtime, cudnn, caps, null, cudnn > 0 ? null : "UnsatisfiedLinkError: no jnicudnn");
    }

    @Test
    @DisplayName("a supported setup passes and its start-up line names driver, runtime, cuDNN and devices")
    void supported() {
        var f = found(12020, 11060, 8302, List.of(86, 80));
        assertThat(CudaCheck.problem(f, true)).isNull();
        assertThat(CudaCheck.describe(f)).isEqualTo(
                "CUDA start-up check: driver supports CUDA 12.2; runtime CUDA 11.6; cuDNN 8.3.2; devices: 0: sm_86, 1: sm_80");
        var plain = found(11060, 11060, -1, List.of(75));
        assertThat(CudaCheck.problem(plain, false)).as("the plain binary does not need cuDNN").isNull();
        assertThat(CudaCheck.describe(plain)).contains("cuDNN not loaded (UnsatisfiedLinkError: no jnicudnn; only the -cudnn binary needs it)");
        assertThat(CudaCheck.describe(found(12040, 11060, -1, List.of(90)))).contains("sm_90 (newer than CUDA 11.6 knows");
    }

    @Test
    @DisplayName("missing runtime, driver, device or cuDNN, or an unsupported version, fails with what to install")
    void failures() {
        assertThat(CudaCheck.problem(new CudaCheck.Found(-1, -1, -1, List.of(), "UnsatisfiedLinkError: libcudart.so.11.0", null), false))
                .contains("the CUDA 11.6 runtime (libcudart.so.11.0) cannot be loaded").contains("-Pcuda-redist");
        assertThat(CudaCheck.problem(found(0, 11060, -1, List.of()), false)).contains("no NVIDIA driver found");
        assertThat(CudaCheck.problem(found(10020, 11060, -1, List.of(70)), false)).contains("supports CUDA 10.2 only");
        assertThat(CudaCheck.problem(found(12020, 12020, -1, List.of(86)), false)).contains("the CUDA runtime is 12.2");
        assertThat(CudaCheck.problem(found(12020, 11060, -1, List.of()), false)).contains("no CUDA device is visible");
        assertThat(CudaCheck.problem(found(12020, 11060, -1, List.of(86, 30)), false))
                .contains("device 1 has compute capability 3.0; CUDA 11.6 supports 3.5 and newer");
        assertThat(CudaCheck.problem(found(12020, 11060, -1, List.of(86)), true)).contains("needs cuDNN 8 (8.3), not loadable");
        assertThat(CudaCheck.problem(found(12020, 11060, 7605, List.of(86)), true)).contains("found 7605");
    }

    @Test
    @DisplayName("on the CPU build (no CUDA backend on the classpath) the check does nothing")
    void cpuBuildIsANoOp() {
        assertThat(CudaCheck.present(CudaCheck.BACKEND)).isFalse();
        assertThatCode(CudaCheck::require).doesNotThrowAnyException();
    }
}
