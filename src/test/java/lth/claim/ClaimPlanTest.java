package lth.claim;

import lth.experiment.Arm;
import lth.experiment.RunSpec;
import lth.prune.Scope;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A claim resolved for a profile, and its plan of runs: computed once, the same runs every reader sees. */
class ClaimPlanTest {
    static final List<Long> EIGHT = LongStream.rangeClosed(1, 8).boxed().toList();

    static ClaimSpec load(String id) { return ClaimFiles.load(Path.of("claims", id + ".yaml")); }

    @ParameterizedTest(name = "{0}: {1} runs")
    @CsvSource({"LTH-1, 32", "LTH-2, 0", "LTH-3, 40", "LTH-5, 64", "LMC-1, 56"})   // LTH-2: nightly only since 2026-12-02 (its claim file says why)
    @DisplayName("the quick plans on 8 seeds: the trunk to the deepest primary level, then each comparison's other arm")
    void quickPlanSizes(String id, int runs) {
        assertThat(ClaimPlan.of(ProfileClaim.of(load(id), "quick"), EIGHT).runs()).hasSize(runs);
    }

    @Test
    @DisplayName("every side of every case plans, per seed in order, the run Setups.spec builds; the trunk comes first")
    void sidesAreTheSpecsRuns() {
        for (ClaimSpec file : ClaimFiles.loadAll(Path.of("claims")).values())
            for (String profile : ClaimFiles.PROFILES) {
                if (!file.has(profile) || file.profiles().get(profile).nightlyOnly() != null) continue;
                ProfileClaim c = ProfileClaim.of(file, profile);
                List<Long> seeds = List.of(1L, 2L);
                ClaimPlan plan = ClaimPlan.of(c, seeds);
                assertThat(plan.runs().get(0)).as(file.id()).isEqualTo(new RunSpec(c.setup(), 1, Arm.TICKET, 0));
                for (int ci = 0; ci < c.comparisons().size(); ci++)
                    for (int level : c.levels(ci))
                        for (boolean a : List.of(true, false)) {
                            ClaimSpec.Comparison cmp = c.comparison(ci);
                            List<RunSpec> expected = cmp.side(a) instanceof Side.Threshold ? List.of() : seeds.stream()
                                    .map(s -> Setups.spec(c.claim(), profile, cmp, a, level, s)).toList();
                            assertThat(plan.side(ci, a, level)).as("%s %s comparison %d side %s level %d", file.id(), profile, ci, a, level)
                                    .isEqualTo(expected);
                            assertThat(plan.runs()).containsAll(expected);
                        }
            }
    }

    @Test
    @DisplayName("each arm's setup is resolved once: LTH-13's layer-wise side, STAB-3's warmup arm on LTH-12's trunk")
    void armSetups() {
        ProfileClaim lth13 = ProfileClaim.of(load("LTH-13"), "reduced");
        assertThat(lth13.setup(0, true).scope()).isEqualTo(Scope.GLOBAL);
        assertThat(lth13.setup(0, false).scope()).isEqualTo(Scope.LAYERWISE);
        assertThat(lth13.run(0, false, 15, 1).setup()).isSameAs(lth13.setup(0, false));
        ProfileClaim stab3 = ProfileClaim.of(load("STAB-3"), "reduced");
        assertThat(stab3.setup(0, true).canonical()).isEqualTo(ProfileClaim.of(load("LTH-12"), "reduced").setup().canonical());
        assertThat(lth13.pm(15)).isEqualTo(Setups.pmAt(lth13.setup(), 15));
        assertThat(lth13.cases()).extracting(ClaimCase::pm).containsOnly(lth13.pm(15));
    }

    @Test
    @DisplayName("LTH-14 reduced: the negative half on confirmatory seeds 1-13, the warmup half on its own first 5 (72 runs with their closure, not 104)")
    void lth14OwnSeeds() {
        ProfileClaim lth14 = ProfileClaim.of(load("LTH-14"), "reduced");
        ClaimPlan plan = ClaimPlan.of(lth14);
        assertThat(plan.seeds(0)).isEqualTo(LongStream.rangeClosed(1, 13).boxed().toList());
        assertThat(plan.seeds(1)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(lth.experiment.RunGraph.needed(plan.runs())).isEqualTo(13 * 4 + 5 * 4);
        assertThat(plan.runs()).filteredOn(s -> s.seed() > 5).extracting(s -> s.setup().canonical()).containsOnly(lth14.setup().canonical());
        assertThat(lth.experiment.RunGraph.chains(plan.runs())).as("a trunk per seed and learning-rate arm: two workers' worth for seeds 1-5")
                .isEqualTo(13 + 5);
        ClaimPlan lth13 = ClaimPlan.of(ProfileClaim.of(load("LTH-13"), "reduced"));
        assertThat(lth.experiment.RunGraph.chains(lth13.runs())).as("global and layer-wise tickets share each seed's dense net")
                .isEqualTo(lth13.seeds().size());
    }

    @Test
    @DisplayName("a claim its file defers to the nightly profile plans no run at quick scale, but has its cases; a profile the file lacks is an error")
    void deferredAndAbsent() {
        ProfileClaim lth6 = ProfileClaim.of(load("LTH-6"), "quick");
        assertThat(lth6.scale().nightlyOnly()).isNotNull();
        assertThat(ClaimPlan.of(lth6, EIGHT).runs()).isEmpty();
        assertThat(lth6.cases()).isNotEmpty().allMatch(k -> k.pm() > 0);
        assertThatThrownBy(() -> ProfileClaim.of(load("LTH-3"), "reduced")).hasMessageContaining("LTH-3 has no reduced block");
    }

    @Test
    @DisplayName("an instability comparison plans each arm's twin and its curve; a threshold side plans no run")
    void instability() {
        ProfileClaim lmc = ProfileClaim.of(load("LMC-1"), "quick");
        ClaimPlan plan = ClaimPlan.of(lmc, EIGHT);
        int level = lmc.levels(1).get(0);
        ClaimPlan.Curve c = plan.curve(1, level, 3);
        assertThat(c.a()).isEqualTo(plan.side(1, true, level).get(2));
        assertThat(c.twin()).isEqualTo(ClaimPlan.twin(c.a())).matches(t -> t.arm() == Arm.TWIN);
        assertThat(plan.runs()).contains(c.twin());
        assertThat(plan.side(1, false, level)).isEmpty();
        assertThatThrownBy(() -> lmc.run(1, false, level, 1)).hasMessageContaining("is a threshold");
    }
}
