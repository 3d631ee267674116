package lth.train;

import lth.data.Splits;
import lth.model.Architectures;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import lth.prune.MagnitudePruning;
import lth.prune.Mask;
import lth.prune.Rates;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run killed right after a mid-run checkpoint and continued by a fresh trainer (a new network built
 * from the seed, a new step, the checkpoint handed over) ends with exactly the bits of the run that
 * was never interrupted: final parameters, every evaluation, early stop and its test accuracy. Each
 * case has a mask and a learning-rate schedule, and is killed mid-epoch and between evaluations.
 */
class CheckpointResumeTest {
    static final Splits DATA = TinyData.splits();

    /** One network and optimizer; {@code fast}: FastMlp's step where it applies, else DL4J's fit. */
    record Case(String name, String model, double width, Optimizer opt, TrainConfig cfg, boolean fast, int every, int killAfter) {
        @Override public String toString() { return name; }
    }

    static Stream<Case> cases() {
        TrainConfig lenet = new TrainConfig(200, 20, 25);
        TrainConfig deep = new TrainConfig(80, 20, 20);
        return Stream.of(
                new Case("LeNet, Adam (fused fast step), warmup and a drop", "lenet-300-100", 1, Optimizer.adam(1.2e-3)
                        .withSchedule(20, new int[]{120}, 0.1), lenet, true, 40, 2),
                new Case("LeNet, SGD with momentum (fast step, ND4J updater), warmup and a drop", "lenet-300-100", 1,
                        new Optimizer("sgd", 0.05, 0.9, 0).withSchedule(20, new int[]{120}, 0.1), lenet, true, 35, 3),
                new Case("LeNet, Adam through DL4J's fit, a drop", "lenet-300-100", 1, Optimizer.adam(1.2e-3)
                        .withSchedule(0, new int[]{100}, 0.1), lenet, false, 40, 2),
                new Case("Conv-2, Adam, warmup", "conv-2", 0.125, Optimizer.adam(2e-3).withSchedule(10, new int[]{60}, 0.1),
                        deep, true, 30, 1),
                new Case("Conv-2 with dropout, Adam (generator state resumed)", "conv-2-dropout", 0.125,
                        Optimizer.adam(2e-3).withSchedule(10, new int[]{60}, 0.1), deep, true, 25, 2),
                new Case("VGG-11, SGD momentum + weight decay, batch norm, augmentation, test at early stop (kept weights)",
                        "vgg-11", 0.0625, Optimizer.sgd(0.05).withSchedule(10, new int[]{60}, 0.1),
                        deep.augmented(true).testAtEsAndEnd(true), true, 25, 2),
                new Case("ResNet-20 (computation graph), SGD momentum, a drop", "resnet-20", 0.0625,
                        Optimizer.sgd(0.05).withSchedule(0, new int[]{40}, 0.1), new TrainConfig(50, 20, 10), true, 15, 2));
    }

    /** Checkpoints kept in memory; the {@code killAfter}-th save throws after keeping it (the JVM dies there). */
    static final class Memory implements Checkpoints {
        final int every, killAfter;
        final Checkpoint from;
        final List<Checkpoint> saved = new ArrayList<>();

        Memory(int every, int killAfter, Checkpoint from) { this.every = every; this.killAfter = killAfter; this.from = from; }

        @Override public int every() { return every; }
        @Override public Checkpoint resume() { return from; }
        @Override public void save(Checkpoint c) {
            saved.add(c);
            if (saved.size() == killAfter) throw new Killed();
        }
    }

    static final class Killed extends RuntimeException { }

    static Network build(Case c) {
        return Architectures.build(new ModelSpec(c.model(), c.width()), c.opt(), 11, 1, 28, 28, 10);
    }

    /** A magnitude mask from θ0 (half of the hidden weights, a quarter of the output's). */
    static Mask mask(Case c) {
        Network n = build(c);
        Map<String, float[]> w = new HashMap<>();
        n.prunable().forEach(p -> w.put(p.key(), n.net().getParam(p.key()).dup('c').data().asFloat()));
        return MagnitudePruning.layerwise(Mask.dense(n.prunable()), w, new Rates(0.5, 0.5, 0.25));
    }

    static Trainer.Result train(Case c, Mask mask, Checkpoints checkpoints) {
        return Trainer.train(build(c), mask, DATA, 11, c.cfg(), c.fast(), EvalListener.NONE, checkpoints);
    }

    static void assertSameBits(Trainer.Result got, Trainer.Result want, String what) {
        float[] g0 = got.finalParams().dup('c').data().asFloat(), w0 = want.finalParams().dup('c').data().asFloat();
        assertThat(java.util.Arrays.mismatch(g0, w0)).as(what + ": index of the first parameter whose bits differ"
                + " (-1: all %d equal)", w0.length).isEqualTo(-1);
        RunMetrics g = got.metrics(), w = want.metrics();
        assertThat(g.evalIterations()).as(what + ": evaluation points").isEqualTo(w.evalIterations());
        assertThat(g.valLoss()).as(what + ": validation losses").isEqualTo(w.valLoss());
        assertThat(g.valAccuracy()).as(what + ": validation accuracies").isEqualTo(w.valAccuracy());
        assertThat(g.testAccuracy()).as(what + ": test accuracies (NaN where not scored)").isEqualTo(w.testAccuracy());
        assertThat(new double[]{g.esIteration(), g.testAccuracyAtEs(), g.testAccuracyFinal()}).as(what + ": early stop")
                .isEqualTo(new double[]{w.esIteration(), w.testAccuracyAtEs(), w.testAccuracyFinal()});
        assertThat(g.diverged()).isEqualTo(w.diverged());
    }

    @ParameterizedTest(name = "{0}: killed after a checkpoint and resumed by a fresh trainer, bit-identical to the uninterrupted run")
    @MethodSource("cases")
    void resumedRunIsBitIdentical(Case c) {
        Mask mask = mask(c);
        Trainer.Result reference = train(c, mask, Checkpoints.NONE);
        Memory killed = new Memory(c.every(), c.killAfter(), null);
        assertThatThrownBy(() -> train(c, mask, killed)).isInstanceOf(Killed.class);
        Checkpoint last = killed.saved.get(killed.saved.size() - 1);
        assertThat(last.iteration() % (DATA.train().size() / c.cfg().batch())).as("killed mid-epoch").isNotZero();
        if (c.cfg().testAtEsAndEnd()) assertThat(last.bestParams()).as("the weights kept at the best evaluation so far").isNotNull();

        // The resumed run writes checkpoints too, so this also shows that writing them changes nothing.
        Memory resumed = new Memory(c.every(), Integer.MAX_VALUE, last);
        assertSameBits(train(c, mask, resumed), reference, "resumed at iteration " + last.iteration());
        List<Integer> at = new ArrayList<>();
        killed.saved.forEach(k -> at.add(k.iteration()));
        resumed.saved.forEach(k -> at.add(k.iteration()));
        assertThat(at).as("a checkpoint every %d iterations, none at the end", c.every()).containsExactlyElementsOf(
                java.util.stream.IntStream.iterate(c.every(), i -> i < c.cfg().iterations(), i -> i + c.every()).boxed().toList());
    }
}
