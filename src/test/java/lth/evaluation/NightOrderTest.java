package lth.evaluation;

import lth.claim.ClaimDirectory;
import lth.claim.ClaimFiles;
import lth.claim.ClaimPlan;
import lth.claim.ProfileClaim;
import lth.experiment.Arm;
import lth.experiment.RunGraph;
import lth.experiment.RunSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The night order of real nightly plans (no training): every run the plan needs, once, after what it starts from, round by round. */
class NightOrderTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"LTH-5", "LMC-1", "STAB-1", "LTH-14"})
    void roundByRound(String id) {
        ClaimPlan plan = ClaimPlan.of(ProfileClaim.of(ClaimDirectory.scan(ClaimFiles.directory()).get(id), "nightly"));
        List<RunSpec> order = NightOrder.of(plan);
        assertThat(order).as("every run it needs, each once").hasSize(RunGraph.needed(plan.runs()))
                .extracting(RunSpec::hash).doesNotHaveDuplicates();
        Set<String> before = new HashSet<>();
        for (RunSpec s : order) {
            assertThat(RunGraph.dependencies(s)).as("%s comes after the runs it starts from", s.describe())
                    .allSatisfy(d -> assertThat(before).contains(d.hash()));
            before.add(s.hash());
        }
        assertThat(order).extracting(RunSpec::level).as("round by round").isSorted();
        for (int i = 1; i < order.size(); i++) {
            RunSpec a = order.get(i - 1), b = order.get(i);
            if (a.level() == b.level() && a.arm() != Arm.TICKET)
                assertThat(b.arm()).as("in round %d, the trunk runs before the runs that branch there", b.level()).isNotEqualTo(Arm.TICKET);
        }
        int seeds = plan.seeds().size();
        assertThat(order.subList(0, seeds)).as("every seed's dense net first").allSatisfy(s -> {
            assertThat(s.level()).isZero();
            assertThat(s.arm()).isEqualTo(Arm.TICKET);
        });
    }
}
