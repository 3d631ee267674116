package lth.evaluation;

import lth.claim.ClaimFiles;
import lth.claim.ClaimPlan;
import lth.claim.ClaimSpec;
import lth.claim.ProfileClaim;
import lth.experiment.RunSpec;
import lth.experiment.RunStore;
import lth.train.TinyData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A comparison with its own seed count ({@code seeds: {quick: 2}} of the profile's 4): it is planned,
 * trained and tested on the profile's first two confirmatory seeds only, its arms' trunk is not trained for
 * the others, the claim's other comparison keeps all four, and a pilot runs every pilot seed for both.
 */
class ComparisonSeedsTest {
    static final ClaimSpec CLAIM = ClaimFiles.load(Path.of("src/test/resources/seed-claims/SEEDS-1.yaml"));
    static final ProfileClaim QUICK = ProfileClaim.of(CLAIM, "quick");

    @Test
    @DisplayName("the plan: comparison 1 on seeds 1-4, comparison 2 on seeds 1-2; the base trunk goes as deep as each seed's comparisons need")
    void plan() {
        ClaimPlan plan = ClaimPlan.of(QUICK, List.of(1L, 2L, 3L, 4L));
        assertThat(plan.seeds(0)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(plan.seeds(1)).containsExactly(1L, 2L);
        assertThat(plan.side(1, true, 2)).extracting(RunSpec::seed).containsExactly(1L, 2L);
        // seeds 1-2: base trunk 0,1,2 + reinit 1 + the other rate's ticket and reinit at 2 = 6 (its trunk below 2 is their
        // closure, trained but not planned); seeds 3-4: base trunk 0,1 + reinit 1 = 3
        assertThat(plan.runs()).hasSize(2 * 6 + 2 * 3);
        assertThat(plan.runs()).filteredOn(s -> s.seed() >= 3).allMatch(s -> s.level() <= 1)
                .allMatch(s -> s.setup().canonical().equals(QUICK.setup().canonical()));

        ClaimPlan group = ClaimPlan.of(QUICK, List.of(3L, 4L));
        assertThat(group.seeds(1)).as("a seed group outside the comparison's seeds").isEmpty();
        assertThat(group.side(1, true, 2)).isEmpty();
        assertThat(group.runs()).hasSize(2 * 3);

        ClaimPlan pilot = ClaimPlan.of(QUICK, List.of(1001L, 1002L, 1003L));
        assertThat(pilot.seeds(1)).as("a pilot runs every pilot seed for every comparison").containsExactly(1001L, 1002L, 1003L);

        assertThat(ClaimPlan.of(ProfileClaim.of(CLAIM, "nightly"), List.of(1L, 2L, 3L)).seeds(1))
                .as("the count is per profile: the nightly gives none, so all").containsExactly(1L, 2L, 3L);
    }

    @Test
    @DisplayName("trained and tested: n = 4 for the first comparison and 2 for the second; a seed group is a piece: runs stored and exported, no verdict, IN PROGRESS with the claim's runs done; the CSV row names its seeds")
    void evaluated(@TempDir Path store, @TempDir Path results) throws Exception {
        String old = System.getProperty("lth.results");
        System.setProperty("lth.results", results.toString());
        try (ClaimEngine e = new ClaimEngine(new RunStore(store), 1, Budget.NONE, id -> TinyData.splits())) {
            ClaimResult r = e.evaluate(CLAIM, "quick");
            assertThat(r.result(0, 1).n()).isEqualTo(4);
            assertThat(r.result(1, 2).n()).isEqualTo(2);
            assertThat(r.seeds(1)).containsExactly(1L, 2L);
            assertThat(r.outcomes()).hasSize(2 * 6 + 2 * 3);
            assertThat(r.runs()).as("every run the claim needed, once: the override's trunk level 1 under its level-2 runs too")
                    .hasSize(lth.experiment.RunGraph.needed(r.plan().runs())).hasSizeGreaterThan(distinct(r.outcomes()));
            assertThat(r.trained()).as("a fresh store: every needed run trained here").isEqualTo(r.runs().size());
            assertThat(ResultsExport.verdicts(r)).extracting(row -> (Object) row.get(9)).containsExactly("[1, 2, 3, 4]", "[1, 2]");
            // the CSV: the measured runs, then the trunk levels no comparison reads, each once: the override (another learning
            // rate) trained its own dense net and level 1 under its level-2 runs, seeds 1-2
            List<List<?>> rows = ResultsExport.perSeed(r);
            assertThat(rows).hasSize(distinct(r.outcomes()) + 4).hasSize(r.runs().size());
            assertThat(rows.subList(distinct(r.outcomes()), rows.size())).extracting(row -> row.get(5) + "@" + row.get(10) + "/" + row.get(12))
                    .containsExactly("dense@0/1", "ticket@1/1", "dense@0/2", "ticket@1/2");
        } finally {
            if (old == null) System.clearProperty("lth.results"); else System.setProperty("lth.results", old);
        }
        try (ClaimEngine e = new ClaimEngine(new RunStore(store), 1, Budget.NONE, id -> TinyData.splits())) {
            System.setProperty("lth.seeds", "3-4");
            System.setProperty("lth.results", results.toString());
            ClaimResult group = e.evaluate(CLAIM, "quick");
            assertThat(group.outcomes()).as("the group's runs, measured").hasSize(2 * 3);
            assertThat(group.trained()).as("every run of the group came from the store").isZero();
            assertThat(group.result(0, 1)).as("a piece of the design: no verdict, not even over its own seeds").isNull();
            assertThat(group.result(1, 2)).isNull();
            ClaimProgress p = group.progress();
            assertThat(p).as("IN PROGRESS, with how far the whole claim has come").isNotNull();
            assertThat(p.runsDone()).as("all four seeds' runs are stored by the first evaluation")
                    .isEqualTo(p.runsNeeded()).isEqualTo(lth.experiment.RunGraph.needed(ClaimPlan.of(QUICK, List.of(1L, 2L, 3L, 4L)).runs()));
            assertThat(p.text()).isEqualTo(p.runsNeeded() + " of " + p.runsNeeded() + " runs done");
            assertThat(p.budget()).contains("seed group").contains("1..4");
            assertThat(results.resolve("quick/SEEDS-1.seeds-3-4.csv")).as("its runs are still exported, as a piece").exists();
        } finally {
            System.clearProperty("lth.seeds");
            if (old == null) System.clearProperty("lth.results"); else System.setProperty("lth.results", old);
        }
        try (ClaimEngine e = new ClaimEngine(new RunStore(Files.createDirectories(store.resolve("fresh"))), 1, Budget.NONE,
                id -> TinyData.splits())) {
            System.setProperty("lth.seeds", "3-4");
            System.setProperty("lth.results", results.toString());
            ClaimProgress p = e.evaluate(CLAIM, "quick").progress();
            assertThat(p.runsDone()).as("a fresh store: the group's own runs").isEqualTo(2 * 3);
            assertThat(p.runsNeeded()).isGreaterThan(2 * 3);
            assertThat(p.text()).startsWith("6 of " + p.runsNeeded() + " runs done; ≈ ");
        } finally {
            System.clearProperty("lth.seeds");
            if (old == null) System.clearProperty("lth.results"); else System.setProperty("lth.results", old);
        }
    }

    private static int distinct(List<lth.experiment.Outcome> outcomes) {
        return (int) outcomes.stream().map(lth.experiment.Outcome::hash).distinct().count();
    }

    @Test
    @DisplayName("bad counts name the file and the field")
    void badCounts(@TempDir Path dir) throws Exception {
        String text = Files.readString(Path.of("src/test/resources/seed-claims/SEEDS-1.yaml"));
        Path f = dir.resolve("SEEDS-1.yaml");
        for (String[] bad : List.of(
                new String[]{"seeds: {quick: 1}", "comparisons[1].seeds.quick", "out of range"},
                new String[]{"seeds: {quick: 5}", "comparisons[1].seeds.quick", "out of range"},
                new String[]{"seeds: {reduced: 2}", "comparisons[1].seeds.reduced", "no reduced block"},
                new String[]{"seeds: {fast: 2}", "comparisons[1].seeds.fast", "unknown field"})) {
            Files.writeString(f, text.replace("seeds: {quick: 2}", bad[0]));
            assertThatThrownBy(() -> ClaimFiles.load(f)).as(bad[0])
                    .hasMessageStartingWith("SEEDS-1.yaml: field '" + bad[1] + "'").hasMessageContaining(bad[2]);
        }
    }
}
