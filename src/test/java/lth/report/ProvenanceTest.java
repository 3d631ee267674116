package lth.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProvenanceTest {
    @Test
    void hasTheKeysThatChangeTheBits() {
        System.setProperty("lth.provenance.test", "yes");
        Provenance p = Provenance.collect();
        assertThat(p.entries()).containsKeys("date", "git.commit", "java.version", "java.vendor", "os",
                "cpu.model", "cpu.available.processors", "dl4j.version", "nd4j.version", "nd4j.backend",
                "env.OMP_NUM_THREADS", "env.OPENBLAS_CORETYPE", "env.OPENBLAS_L2_SIZE", "env.MKL_NUM_THREADS");
        assertThat(p.entries()).containsEntry("lth.provenance.test", "yes");
        // Determinism: what decides the bits besides seed and configuration (threads, native build).
        assertThat(p.entries()).containsKeys("nd4j.native.platform", "nd4j.native.binary", "nd4j.native.variant",
                "nd4j.threads.max", "env.OPENBLAS_NUM_THREADS", "env.OMP_DYNAMIC", "env.MKL_CBWR");
        assertThat(p.entries().get("nd4j.native.variant")).isIn("generic", "avx2", "avx512");
        assertThat(p.entries().get("nd4j.native.binary")).startsWith("nd4j-native-");
        assertThat(p.entries().get("env.OMP_NUM_THREADS")).as("surefire pins one OpenMP thread").isEqualTo("1");
        System.out.println(p.text());
        assertThat(p.entries().get("dl4j.version")).isEqualTo("1.0.0-M2.1");
        assertThat(p.text()).contains("java.version = " + System.getProperty("java.version"));
    }
}
