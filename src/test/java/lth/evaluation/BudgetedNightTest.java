package lth.evaluation;

import lth.claim.ClaimCase;
import lth.claim.ClaimFiles;
import lth.claim.ClaimPlan;
import lth.claim.ClaimSpec;
import lth.claim.ProfileClaim;
import lth.experiment.Outcome;
import lth.experiment.RunSpec;
import lth.experiment.RunStore;
import lth.stats.PairedResult;
import lth.train.TinyData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A night with a time budget, on a tiny claim (LeNet, 40 iterations, 3 seeds, synthetic data, one worker):
 * the budget runs out mid-claim and the night stops cleanly (the runs before stored, the run in flight
 * checkpointed, the claim IN PROGRESS with its progress); the next night, on the same store, finishes it
 * with exactly the verdict and numbers of an uninterrupted run; runs start in night order, claim by claim.
 */
class BudgetedNightTest {
    static final ClaimSpec NIGHT1 = ClaimFiles.load(Path.of("src/test/resources/night-claims/NIGHT-1.yaml"));
    static final ClaimSpec NIGHT2 = ClaimFiles.load(Path.of("src/test/resources/night-claims/NIGHT-2.yaml"));
    static final String PROFILE = "nightly";
    static final ClaimPlan PLAN = ClaimPlan.of(ProfileClaim.of(NIGHT1, PROFILE));
    static ClaimResult uninterrupted;

    /** Checkpoints every 20 of a run's 40 iterations, so a stopped run keeps its progress. */
    @BeforeAll
    static void reference(@TempDir Path store) {
        System.setProperty("lth.checkpoint.every", "20");
        try (ClaimEngine e = engine(store, Budget.NONE)) {
            uninterrupted = e.evaluate(NIGHT1, PROFILE);
        }
    }

    @AfterAll
    static void clear() { System.clearProperty("lth.checkpoint.every"); }

    static ClaimEngine engine(Path store, Budget budget) {
        return new ClaimEngine(new RunStore(store), 1, budget, id -> TinyData.splits());
    }

    /** A budget of an hour on a clock the test moves. */
    static final class Clock {
        final AtomicLong nanos = new AtomicLong();
        final Budget budget = Budget.of(3600, nanos::get);

        void advance(double seconds) { nanos.addAndGet((long) (seconds * 1e9)); }
    }

    @Test
    @DisplayName("the budget runs out mid-claim: stored runs before, the run in flight checkpointed, IN PROGRESS; the next night finishes it with the uninterrupted numbers")
    void stopsAndResumes(@TempDir Path store) {
        List<RunSpec> order = NightOrder.of(PLAN);
        assertThat(order).hasSize(15);                     // 3 seeds × (trunk 0, 1, 2 + reinit 1, 2)
        Clock clock = new Clock();
        List<RunSpec> night1 = new ArrayList<>();
        ClaimResult first;
        try (ClaimEngine e = engine(store, clock.budget)) {
            e.onStart(s -> { night1.add(s); if (night1.size() == 7) clock.advance(3600); });   // spent as the 7th run starts
            first = e.evaluate(NIGHT1, PROFILE);
        }
        assertThat(first.progress()).as("no verdict: IN PROGRESS").isNotNull();
        assertThat(first.byCase()).isEmpty();
        assertThat(night1).as("nothing starts once the budget is spent").containsExactlyElementsOf(order.subList(0, 7));
        RunStore s = new RunStore(store);
        for (int i = 0; i < order.size(); i++)
            assertThat(s.has(order.get(i))).as("run %d (%s) stored", i, order.get(i).describe()).isEqualTo(i < 6);
        assertThat(s.checkpoints().position(order.get(6))).as("the run in flight stopped at its first checkpoint after the budget")
                .hasValueSatisfying(p -> assertThat(p.iteration()).isEqualTo(20));
        ClaimProgress p = first.progress();
        assertThat(p.runsDone()).isEqualTo(6);
        assertThat(p.runsNeeded()).isEqualTo(15);
        assertThat(p.secondsLeft()).isPositive();
        assertThat(p.unknown()).isZero();
        assertThat(p.text()).startsWith("6 of 15 runs done; ≈ ").contains("CPU-hours of training left");

        List<RunSpec> night2 = new ArrayList<>();
        ClaimResult second;
        Clock next = new Clock();
        String out;
        try (ClaimEngine e = engine(store, next.budget)) {
            e.onStart(night2::add);
            out = printed(() -> e.evaluate(NIGHT1, PROFILE));
            second = e.evaluate(NIGHT1, PROFILE);
        }
        assertThat(second.progress()).isNull();
        assertThat(night2).as("the next night starts where the last one stopped").containsExactlyElementsOf(order.subList(6, 15));
        assertThat(out).contains("resumed at iteration 20");
        assertThat(s.checkpoints().position(order.get(6))).isEmpty();
        assertSameResult(second, uninterrupted);
    }

    @Test
    @DisplayName("a run that does not fit in what is left is not started; the claim reports the hours left from the step times")
    void runThatDoesNotFitWaits(@TempDir Path store) {
        Clock clock = new Clock();
        clock.advance(3600 - 0.05);                         // 0.05 s left; a LeNet run of 40 iterations is ~0.1 s (StepTimes)
        List<RunSpec> started = new ArrayList<>();
        ClaimResult r;
        try (ClaimEngine e = engine(store, clock.budget)) {
            e.onStart(started::add);
            r = e.evaluate(NIGHT1, PROFILE);
        }
        assertThat(started).isEmpty();
        assertThat(r.progress().runsDone()).isZero();
        assertThat(r.progress().secondsLeft()).isCloseTo(15 * 40 * 0.0026, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.progress().basis()).containsEntry(RunEstimates.TABLE_CPU, 15);
    }

    @Test
    @DisplayName("runs start in night order: round by round over the seeds, trunk before controls, one claim after the other")
    void claimByClaimRoundByRound(@TempDir Path store) {
        List<RunSpec> started = new ArrayList<>();
        ClaimPlan plan2 = ClaimPlan.of(ProfileClaim.of(NIGHT2, PROFILE));
        try (ClaimEngine e = engine(store, new Clock().budget)) {
            e.onStart(started::add);
            assertThat(e.evaluate(NIGHT1, PROFILE).progress()).isNull();
            assertThat(e.evaluate(NIGHT2, PROFILE).progress()).isNull();
        }
        assertThat(started).as("NIGHT-1's runs, then only what NIGHT-2 adds to the shared trunk")
                .containsExactlyElementsOf(NightOrder.of(List.of(PLAN, plan2)));
        assertThat(started.subList(0, 15)).extracting(RunSpec::level).isSorted();
        assertThat(started.subList(0, 15)).extracting(x -> x.arm().label() + x.level() + "/" + x.seed()).containsExactly(
                "ticket0/1", "ticket0/2", "ticket0/3", "ticket1/1", "ticket1/2", "ticket1/3", "reinit1/1", "reinit1/2", "reinit1/3",
                "ticket2/1", "ticket2/2", "ticket2/3", "reinit2/1", "reinit2/2", "reinit2/3");
        assertThat(started.subList(15, started.size())).extracting(x -> x.arm().label() + x.level() + "/" + x.seed())
                .containsExactly("oneshot2/1", "oneshot2/2", "oneshot2/3");
    }

    @Test
    @DisplayName("a run starts if it fits in what is left, if it could never fit in a whole budget, or if nothing estimates it")
    void fits() {
        Clock c = new Clock();
        assertThat(BudgetedRuns.fits(new RunEstimates.Estimate(1800, "x"), c.budget)).isTrue();
        assertThat(BudgetedRuns.fits(new RunEstimates.Estimate(7200, "x"), c.budget)).as("longer than any night").isTrue();
        c.advance(3000);
        assertThat(BudgetedRuns.fits(new RunEstimates.Estimate(1800, "x"), c.budget)).as("waits for the next night").isFalse();
        assertThat(BudgetedRuns.fits(new RunEstimates.Estimate(Double.NaN, "x"), c.budget)).isTrue();
        c.advance(600);
        assertThat(BudgetedRuns.fits(new RunEstimates.Estimate(1, "x"), c.budget)).as("spent").isFalse();
        assertThat(BudgetedRuns.fits(new RunEstimates.Estimate(1e9, "x"), Budget.NONE)).isTrue();
    }

    /** The same verdicts and numbers for every case, and the same metrics for every run. */
    static void assertSameResult(ClaimResult got, ClaimResult want) {
        for (ClaimCase c : got.claim().cases()) {
            PairedResult a = got.result(c), b = want.result(c);
            assertThat(a.verdict()).isEqualTo(b.verdict());
            assertThat(new double[]{a.meanDiff(), a.ciLow(), a.ciHigh(), a.pAdjusted(), a.meanA(), a.meanB()})
                    .as(c.toString()).containsExactly(b.meanDiff(), b.ciLow(), b.ciHigh(), b.pAdjusted(), b.meanA(), b.meanB());
        }
        assertThat(got.outcomes()).hasSameSizeAs(want.outcomes());
        for (Outcome o : got.outcomes()) {
            Outcome w = want.outcomes().stream().filter(x -> x.hash().equals(o.hash())).findFirst().orElseThrow();
            assertThat(o.metrics().valLoss()).as(o.spec().describe()).isEqualTo(w.metrics().valLoss());
            assertThat(o.metrics().testAccuracy()).as(o.spec().describe()).isEqualTo(w.metrics().testAccuracy());
        }
    }

    static String printed(Supplier<?> body) {
        PrintStream old = System.out;
        var bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true));
        try {
            body.get();
        } finally {
            System.setOut(old);
        }
        System.out.print(bytes);
        return bytes.toString();
    }
}
