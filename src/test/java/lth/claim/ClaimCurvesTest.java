package lth.claim;

import lth.experiment.Setup;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The interpolation curves of instability comparisons: on the arm's own setup, and under the keys the store holds. */
class ClaimCurvesTest {
    static final List<Long> SEEDS = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);

    @Test
    @DisplayName("LMC-1 quick: the curves are evaluated on the runs' own setup, under unchanged run keys")
    void lmc1QuickKeysUnchanged() {
        ClaimSpec lmc = ClaimFiles.load(Path.of("claims", "LMC-1.yaml"));
        ClaimPlan plan = ClaimPlan.of(ProfileClaim.of(lmc, "quick"), SEEDS);
        List<ClaimPlan.Curve> runs = plan.curves();
        assertThat(runs).hasSize(16);                                  // 2 comparisons x 1 level x 8 seeds
        Setup base = Setups.of(lmc, "quick");
        for (ClaimPlan.Curve r : runs) {
            assertThat(r.setup()).as(r.name() + ": LMC-1 has no overrides").isEqualTo(base).isEqualTo(r.a().setup());
            assertThat(plan.runs()).contains(r.a(), r.twin());
        }
        // the curves of seed 1 as the quick run store holds them (derived/<name>), recorded before the curves used the arm's setup;
        // re-recorded on purpose when the quick LeNet setup began scoring the test set at early stop and end only (test=es+end)
        String engine = lth.experiment.RunSpec.engineKey();
        if (Boolean.getBoolean("lth.golden.record")) runs.forEach(r -> System.out.println(r.name()));
        for (ClaimPlan.Curve r : runs)
            assertThat(r.name()).isEqualTo("lmc-" + r.a().hash() + "-" + r.twin().hash() + "-test-30.txt");
        List<String> seed1 = List.of(runs.get(0).name(), runs.get(8).name());
        if (engine.equals(RunKeys.ONEDNN))
            assertThat(seed1).containsExactly("lmc-f2f59ceb64f972f17ddb-f83ca67b65fd2c410e2e-test-30.txt",
                    "lmc-39e935e55718d19888e6-1ee89f0af177fbf442f6-test-30.txt");
        else if (engine.equals(RunKeys.CPU))
            assertThat(seed1).containsExactly("lmc-f9216fcd45149051f21f-7cdf02556a3caf8cb6e6-test-30.txt",
                    "lmc-603a9a94a3a5c1db6a62-2c323a0271dad8d34f1b-test-30.txt");
    }

    /** The engine parts of run keys (as lth.experiment.RunKeyGoldenTest records them). */
    static final class RunKeys {
        static final String CPU = "lth-engine/2;dl4j=1.0.0-M2.1";
        static final String ONEDNN = CPU + ";engine=cpu+onednn";
    }

    @Test
    @DisplayName("an instability arm with overrides is interpolated on its own setup (not the claim's base setup)")
    void overriddenArmUsesItsOwnSetup(@TempDir Path dir) throws IOException {
        String text = Files.readString(Path.of("claims", "LMC-1.yaml"));
        String from = "    a: ticket\n";
        assertThat(text).contains(from);
        Path f = Files.writeString(dir.resolve("LMC-1.yaml"), text.replace(from, from + "    a_overrides: {lr: 0.002}\n"));
        ClaimSpec lmc = ClaimFiles.load(f);
        ClaimPlan.Curve ticket = ClaimPlan.of(ProfileClaim.of(lmc, "quick"), List.of(1L)).curves().get(1);
        assertThat(ticket.setup().optimizer().lr()).isEqualTo(0.002);
        assertThat(ticket.setup()).isNotEqualTo(Setups.of(lmc, "quick")).isEqualTo(ticket.twin().setup());
        assertThat(ticket.setup()).isEqualTo(Setups.spec(lmc, "quick", lmc.comparisons().get(1), true, 8, 1).setup());
    }
}
