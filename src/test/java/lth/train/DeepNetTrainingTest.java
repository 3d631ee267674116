package lth.train;

import lth.data.Splits;
import lth.model.Architectures;
import lth.model.LayerKind;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import lth.model.PrunableParam;
import lth.prune.LayerMask;
import lth.prune.MagnitudePruning;
import lth.prune.Mask;
import lth.prune.Rates;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Masks, pruning scopes, determinism and rewinding on the conv, VGG and ResNet models (tiny widths, tiny data). */
class DeepNetTrainingTest {
    static final Splits DATA = TinyData.splits();
    static final TrainConfig CFG = new TrainConfig(10, 20, 5);

    static Network build(String name, double width, Optimizer opt, long seed) {
        return Architectures.build(new ModelSpec(name, width), opt, seed, 1, 28, 28, 10);
    }

    static Map<String, float[]> weights(Network n) {
        Map<String, float[]> w = new HashMap<>();
        n.prunable().forEach(p -> w.put(p.key(), n.net().getParam(p.key()).dup('c').data().asFloat()));
        return w;
    }

    @ParameterizedTest(name = "{0} ({1}, {2}): pruned weights stay exactly 0 through training; shortcuts and output untouched")
    @CsvSource({"conv-2, adam, layerwise", "conv-4-dropout, adam, layerwise", "vgg-11, sgd, global", "resnet-20, sgd, global"})
    void masksHoldOnConvWeights(String name, String opt, String scope) {
        Optimizer o = opt.equals("adam") ? Optimizer.adam(2e-4) : Optimizer.sgd(0.05).withSchedule(3, new int[]{8}, 0.1);
        Network dense = build(name, 0.125, o, 1);
        Mask d = Mask.dense(dense.prunable());
        Trainer.train(dense, d, DATA, 1, CFG);
        Mask mask = scope.equals("global")
                ? MagnitudePruning.global(d, weights(dense), new Rates(0.5, 0, 0), 0.5)
                : MagnitudePruning.layerwise(d, weights(dense), new Rates(0.5, 0.5, 0.25));
        for (LayerMask l : mask.layers()) {
            LayerKind k = l.param().kind();
            if (k == LayerKind.SHORTCUT || (scope.equals("global") && k == LayerKind.OUTPUT))
                assertThat(l.kept()).as(l.param().key()).isEqualTo(l.param().size());
        }
        Network ticket = build(name, 0.125, o, 1);
        Trainer.Result r = Trainer.train(ticket, mask, DATA, 1, CFG);
        assertThat(r.metrics().diverged()).isFalse();
        long nonzeroKept = 0;
        for (LayerMask l : mask.layers()) {
            float[] w = ticket.net().getParam(l.param().key()).dup('c').data().asFloat();
            int revived = 0;
            for (int i = 0; i < w.length; i++) {
                if (l.keep()[i] == 0f && w[i] != 0f) revived++;
                if (l.keep()[i] != 0f && w[i] != 0f) nonzeroKept++;
            }
            assertThat(revived).as("non-zero pruned weights in %s", l.param().key()).isZero();
        }
        assertThat(nonzeroKept).as("survivors train").isGreaterThan(mask.kept() / 2);
        assertThat(mask.pmPercent()).isLessThan(75);
    }

    @ParameterizedTest(name = "{0}: a mask on every listed tensor (shortcuts and output included) is enforced after updates")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"conv-2", "conv-4", "conv-6", "conv-2-dropout", "conv-4-dropout",
            "conv-6-dropout", "vgg-11", "vgg-16", "vgg-19", "resnet-20"})
    void everyListedTensorIsConstrained(String name) {
        Optimizer o = name.startsWith("conv") ? Optimizer.adam(1e-3) : Optimizer.sgd(0.1);
        Network n = build(name, 0.0625, o, 2);
        java.util.List<LayerMask> half = new java.util.ArrayList<>();
        for (PrunableParam p : n.prunable()) {
            float[] keep = new float[(int) p.size()];
            for (int i = 0; i < keep.length; i += 2) keep[i] = 1f;
            half.add(new LayerMask(p, keep));
        }
        Mask mask = lth.prune.RandomPruning.sameCounts(new Mask(half), 7);
        Trainer.train(n, mask, DATA, 2, new TrainConfig(2, 20, 2));
        for (LayerMask l : mask.layers()) {
            float[] w = n.net().getParam(l.param().key()).dup('c').data().asFloat();
            int revived = 0;
            for (int i = 0; i < w.length; i++) if (l.keep()[i] == 0f && w[i] != 0f) revived++;
            assertThat(revived).as("non-zero pruned weights in %s", l.param().key()).isZero();
        }
    }

    static Map<String, float[]> random(Iterable<PrunableParam> params, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, float[]> w = new HashMap<>();
        for (PrunableParam p : params) {
            float[] a = new float[(int) p.size()];
            for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
            w.put(p.key(), a);
        }
        return w;
    }

    @Test
    @DisplayName("ResNet global pruning: one threshold over convs only; shortcuts and output never pruned, but counted in Pm")
    void globalNeverTouchesShortcutsOrOutput() {
        Network n = build("resnet-20", 0.25, Optimizer.sgd(0.1), 1);
        Mask m = Mask.dense(n.prunable());
        long convTotal = n.prunable().stream().filter(p -> p.kind() == LayerKind.CONV).mapToLong(PrunableParam::size).sum();
        long convKept = convTotal;
        for (int round = 1; round <= 3; round++) {
            m = MagnitudePruning.global(m, random(n.prunable(), round), new Rates(0.2, 0, 0), 0.2);
            long kept = m.layers().stream().filter(l -> l.param().kind() == LayerKind.CONV).mapToLong(LayerMask::kept).sum();
            assertThat(convKept - kept).isEqualTo(Math.round(0.2 * convKept));
            convKept = kept;
            for (LayerMask l : m.layers())
                if (l.param().kind() != LayerKind.CONV) assertThat(l.kept()).as(l.param().key()).isEqualTo(l.param().size());
        }
        assertThat(m.total()).isEqualTo(n.totalWeights());
        assertThat(m.pmPercent()).isCloseTo(100.0 * (m.kept()) / n.totalWeights(), org.assertj.core.data.Offset.offset(1e-12))
                .isGreaterThan(100.0 * convKept / convTotal);
        // Layer-wise with a conv rate: shortcuts still kept (rate of SHORTCUT is always 0)
        Mask lw = MagnitudePruning.layerwise(Mask.dense(n.prunable()), random(n.prunable(), 9), new Rates(0.2, 0.2, 0.1));
        assertThat(lw.layer("s2b1sc_W").kept()).isEqualTo(lw.layer("s2b1sc_W").param().size());
        assertThat(new Rates(0.5, 0.5, 0.5).of(LayerKind.SHORTCUT)).isZero();
    }

    @Test
    @DisplayName("layer-wise rates per type: Conv-6 conv 15%, fc 20%, output 10% of each layer's survivors per round")
    void layerwiseRatesPerType() {
        Network n = build("conv-6", 0.25, Optimizer.adam(3e-4), 1);
        Rates rates = new Rates(0.15, 0.2, 0.1);
        Mask m = Mask.dense(n.prunable());
        for (int round = 1; round <= 3; round++) {
            Mask next = MagnitudePruning.layerwise(m, random(n.prunable(), round), rates);
            for (LayerMask l : next.layers()) {
                long before = m.layer(l.param().key()).kept();
                assertThat(before - l.kept()).as("%s round %d", l.param().key(), round)
                        .isEqualTo(Math.round(rates.of(l.param().kind()) * before));
            }
            m = next;
        }
        assertThat(n.prunable().stream().map(PrunableParam::kind).toList()).containsExactly(LayerKind.CONV, LayerKind.CONV,
                LayerKind.CONV, LayerKind.CONV, LayerKind.CONV, LayerKind.CONV, LayerKind.FC, LayerKind.FC, LayerKind.OUTPUT);
    }

    @Test
    @DisplayName("the same seed gives bit-identical parameters for Conv-2, Conv-2 with dropout and ResNet-20; another seed differs")
    void sameSeedBitIdentical() {
        for (String name : new String[]{"conv-2", "conv-2-dropout", "resnet-20"}) {
            Optimizer o = name.equals("conv-2") ? Optimizer.adam(2e-4) : Optimizer.sgd(0.05);
            Network a = build(name, 0.125, o, 5), b = build(name, 0.125, o, 5);
            Trainer.Result ra = Trainer.train(a, Mask.dense(a.prunable()), DATA, 5, CFG);
            Trainer.Result rb = Trainer.train(b, Mask.dense(b.prunable()), DATA, 5, CFG);
            assertThat(ra.finalParams().data().asFloat()).as(name).isEqualTo(rb.finalParams().data().asFloat());
            assertThat(ra.metrics().valLoss()).isEqualTo(rb.metrics().valLoss());
            Network c = build(name, 0.125, o, 6);
            float[] other = Trainer.train(c, Mask.dense(c.prunable()), DATA, 6, CFG).finalParams().data().asFloat();
            assertThat(other).as(name + ", another seed").isNotEqualTo(ra.finalParams().data().asFloat());
        }
    }

    /** Bits with -0.0 turned into +0.0 (masked weights are w·0, whose sign is that of w). */
    static float[] plusZero(float[] a) {
        float[] b = a.clone();
        for (int i = 0; i < b.length; i++) if (b[i] == 0f) b[i] = 0f;
        return b;
    }

    @Test
    @DisplayName("rewinding to k as the experiment does it: θ_k is a run of k iterations; loaded into a fresh network (BN stats included) and resumed at k with the schedule and data order, it reproduces the uninterrupted run bit for bit")
    void rewindingResumesExactly() {
        // momentum 0: the optimizer is stateless, so a fresh optimizer at k must give the same run as the uninterrupted one
        Optimizer o = new Optimizer("sgd", 0.05, 0, 1e-4).withSchedule(8, new int[]{12}, 0.1);
        TrainConfig cfg = new TrainConfig(14, 60, 7);                 // 8 batches per epoch: k = 10 is mid-epoch 2
        int k = 10;
        Network a = build("resnet-20", 0.125, o, 3);
        Mask mask = MagnitudePruning.global(Mask.dense(a.prunable()), weights(a), new Rates(0.5, 0, 0), 0.5);
        Trainer.Result full = Trainer.train(a, mask, DATA, 3, cfg);

        // θ_k: the same start and data order, trained for k iterations only (lth.experiment.Experiment's θ_k run)
        Trainer.Result thetaK = Trainer.train(build("resnet-20", 0.125, o, 3), mask, DATA, 3, new TrainConfig(k, cfg.batch(), k));
        assertThat(a.net().paramTable().keySet()).contains("s1b1c1_W", "s1b1c1bn_mean", "s1b1c1bn_log10stdev", "s1b1c1bn_gamma", "fc_b");

        Network b = build("resnet-20", 0.125, o, 99);                 // other init: everything must be overwritten
        b.net().setParams(Nd4j.create(thetaK.finalParams().data().asFloat(), new long[]{1, thetaK.finalParams().length()}, 'c'));
        Trainer.installMasks(b, mask);
        assertThat(plusZero(b.net().params().data().asFloat())).isEqualTo(plusZero(thetaK.finalParams().data().asFloat()));

        Trainer.Result resumed = Trainer.train(b, mask, DATA, 3, cfg.startingAt(k));
        assertThat(b.iterationCount()).isEqualTo(14);
        assertThat(resumed.metrics().evalIterations()).containsExactly(14);
        assertThat(plusZero(resumed.finalParams().data().asFloat())).isEqualTo(plusZero(full.finalParams().data().asFloat()));
        assertThat(resumed.metrics().valLoss()[0]).isEqualTo(full.metrics().valLoss()[1]);
    }
}
