package lth.claim;

import lth.experiment.RunSpec;
import lth.experiment.Setup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The nightly's dry run: every nightly block scaled down consistently and labelled; nothing changes without it. */
class DryRunTest {
    static final DryRun.Scale SCALE = new DryRun.Scale(8, 2, 2, 0.0625, 1, 16);

    static ClaimSpec load(String id) { return ClaimFiles.load(Path.of("claims", id + ".yaml")); }

    @AfterEach
    void clear() { System.clearProperty(DryRun.PROPERTY); }

    @Test
    @DisplayName("STAB-2 at dry-run scale: 8 iterations, the schedule and the rewind point in proportion, 2 seeds, width 1/16, "
            + "round 1, batch 16, no GPU requirement; labelled DRY RUN")
    void stab2() {
        ClaimSpec c = DryRun.scale(load("STAB-2"), SCALE);
        ClaimSpec.ProfileSpec p = c.profiles().get("nightly");
        assertThat(List.of(p.iterations(), p.evalEvery(), p.seeds(), p.warmup())).containsExactly(8, 4, 2, 1);
        assertThat(p.lrDrops()).containsExactly(3, 5, 7);                   // 37,530 / 75,060 / 100,080 of 112,590
        assertThat(p.width()).isEqualTo(0.0625);
        assertThat(p.requires()).isNull();
        assertThat(c.setup().batch()).isEqualTo(16);
        assertThat(c.comparisons().get(0).a().label()).isEqualTo("ticket@1");       // 5000 of 112,590
        assertThat(c.comparisons().get(0).levels().get("nightly")).containsExactly(1);
        assertThat(c.comparisons().get(0).levels().get("quick")).containsExactly(5);
        assertThat(c.title()).startsWith("DRY RUN: ");
        assertThat(c.disclosure("nightly")).startsWith("DRY RUN, NOT A RESULT").contains("8 iterations").contains("requires a gpu");
        assertThat(c.profiles().get("quick")).isEqualTo(load("STAB-2").profiles().get("quick"));
        Setup s = Setups.of(c, "nightly");
        RunSpec rewound = Setups.spec(c, "nightly", c.comparisons().get(0), true, 1, 1);
        assertThat(rewound.rewind()).isEqualTo(1);
        assertThat(s.train().iterations()).isEqualTo(8);
        assertThat(s.optimizer().canonical()).contains("warmup=1,drops=3;5;7x0.1");
    }

    @Test
    @DisplayName("levels: each comparison's first ones, renumbered to IMP rounds 1, 2, ...; level 0 stays 0; arm overrides' warmups scale")
    void levelsAndOverrides() {
        assertThat(DryRun.levels(List.of(7, 12, 15), 1, 1)).containsExactly(1);
        assertThat(DryRun.levels(List.of(7, 12, 15), 2, 1)).containsExactly(1, 2);
        assertThat(DryRun.levels(List.of(0), 1, 1)).containsExactly(0);
        assertThat(DryRun.levels(List.of(10, 15), 2, 5)).containsExactly(5, 10);
        ClaimSpec lmc = DryRun.scale(load("LMC-1"), SCALE);
        assertThat(lmc.comparisons().stream().map(c -> c.levels().get("nightly")).toList()).containsExactly(List.of(0), List.of(1));
        ClaimSpec lth14 = DryRun.scale(load("LTH-14"), SCALE);
        assertThat(lth14.comparisons().get(1).aOverrides().warmup("nightly")).isEqualTo(5);   // 20,000 of 30,000
        assertThat(lth14.comparisons().get(1).aOverrides().warmup("quick")).isEqualTo(667);
    }

    @Test
    @DisplayName("every claim plans at dry-run scale: a short trunk per seed, cases at every scaled level")
    void everyClaimPlans() {
        for (ClaimSpec file : ClaimFiles.loadAll(Path.of("claims")).values()) {
            ProfileClaim c = ProfileClaim.of(DryRun.scale(file, SCALE), "nightly");
            List<RunSpec> plan = ClaimPlan.of(c, List.of(1L, 2L)).runs();
            assertThat(plan).as(c.id()).isNotEmpty().allSatisfy(r -> assertThat(r.level()).isLessThanOrEqualTo(1));
            assertThat(plan.size()).as(c.id() + " runs").isLessThanOrEqualTo(16);
            assertThat(c.cases()).as(c.id()).isNotEmpty();
        }
    }

    @Test
    @DisplayName("off by default: the claims load as written (run keys unchanged); on, the loaded claims are the scaled ones")
    void property() {
        ClaimSpec c = load("LTH-3");
        assertThat(DryRun.apply(c)).isSameAs(c);
        assertThat(DryRun.label("nightly")).isEqualTo("nightly");
        System.setProperty(DryRun.PROPERTY, "true");
        assertThat(DryRun.apply(c).profiles().get("nightly").iterations()).isEqualTo(8);
        assertThat(DryRun.label("nightly")).isEqualTo("nightly DRY RUN");
        assertThat(DryRun.label("quick")).isEqualTo("quick");
        Map<String, ClaimSpec> all = ClaimDirectory.scan(Path.of("claims")).claims();
        assertThat(all.values()).allSatisfy(s -> assertThat(s.title()).startsWith("DRY RUN"));
        System.setProperty(DryRun.PROPERTY + ".seeds", "1");
        try {
            assertThatThrownBy(() -> DryRun.apply(c)).hasMessageContaining("seeds >= 2");
        } finally {
            System.clearProperty(DryRun.PROPERTY + ".seeds");
        }
    }
}
