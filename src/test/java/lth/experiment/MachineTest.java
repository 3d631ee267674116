package lth.experiment;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import lth.train.TinyData;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MachineTest {
    @Test
    @DisplayName("the machine kind names vendor, model and the vector extensions that pick the BLAS kernels")
    void describesTheCpuKind(@TempDir Path dir) throws java.io.IOException {
        Path info = Files.writeString(dir.resolve("cpuinfo"), """
                processor\t: 0
                vendor_id\t: AuthenticAMD
                model name\t: AMD EPYC 9B45
                flags\t\t: fpu sse2 avx avx2 fma avx512f avx512_vnni sha_ni
                model\t\t: 2
                """);
        assertThat(Machine.read(info)).startsWith("AuthenticAMD AMD EPYC 9B45; avx avx2 avx512_vnni avx512f fma; ");
        assertThat(Machine.read(dir.resolve("absent"))).startsWith("unknown unknown; no AVX; ");
    }

    @Test
    @DisplayName("each stored run records the machine that trained it")
    void storedRunsNameTheirMachine(@TempDir Path dir) throws java.io.IOException {
        RunStore store = new RunStore(dir);
        Experiment ex = new Experiment(TinyData.splits(), store, Runnable::run);
        RunSpec dense = new RunSpec(ExperimentTest.SETUP, 1, Arm.TICKET, 0);
        ex.stored(dense);
        assertThat(Files.readString(dir.resolve(dense.hash()).resolve("machine.txt")).strip()).isEqualTo(Machine.describe());
    }
}
