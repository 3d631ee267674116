package lth.train;

import lth.data.ImageNet;
import lth.data.ImageNetFixtures;
import lth.data.ImageNetSplits;
import lth.data.ImageNetTransform;
import lth.model.Architectures;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import lth.prune.LayerMask;
import lth.prune.MagnitudePruning;
import lth.prune.Mask;
import lth.prune.Rates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The trainer on streamed ImageNet: a ResNet-50 at 1/16 width on a generated JPEG folder (3 classes,
 * 30 training images of which 3 are held out for validation, 6 test images; 32×32 views, the smaller
 * view a subset allows) trains, keeps its pruned weights at 0, and resumes bit for bit from a mid-run
 * checkpoint, like the in-memory datasets ({@link CheckpointResumeTest}).
 */
class StreamedTrainingTest {
    @TempDir static Path root;
    static ImageNetSplits data;

    static final TrainConfig CFG = new TrainConfig(12, 4, 4);          // 27 images: 6 batches per epoch, 2 epochs
    static final Optimizer OPT = Optimizer.sgd(0.05).withSchedule(2, new int[]{8}, 0.1);

    @BeforeAll
    static void fixture() {
        ImageNet in = ImageNet.open(ImageNetFixtures.write(root, 10, 2), "test", ImageNet.Counts.ANY);
        data = ImageNetSplits.of(in, ImageNetTransform.View.ofSize(32));
    }

    static Network build() {
        return Architectures.build(new ModelSpec("resnet-50", 1.0 / 16), OPT, 5, 3, 32, 32, data.classes());
    }

    /** Half of every conv tensor pruned by magnitude from θ0 (the fc output layer kept whole). */
    static Mask mask() {
        Network n = build();
        Map<String, float[]> w = new HashMap<>();
        n.prunable().forEach(p -> w.put(p.key(), n.net().getParam(p.key()).dup('c').data().asFloat()));
        return MagnitudePruning.layerwise(Mask.dense(n.prunable()), w, new Rates(0.5, 0.5, 0));
    }

    static Trainer.Result train(Network net, Mask mask, Checkpoints checkpoints) {
        return Trainer.train(net, mask, data, 7, CFG, EvalListener.NONE, checkpoints);
    }

    @Test
    @DisplayName("a tiny ResNet-50 trains on streamed JPEGs: evaluations on the held-out part and val/, weights move, pruned weights stay 0")
    void trainsAndKeepsTheMask() {
        Mask mask = mask();
        Network net = build();
        Map<String, float[]> before = new HashMap<>();
        net.prunable().forEach(p -> before.put(p.key(), net.net().getParam(p.key()).dup('c').data().asFloat()));
        Trainer.Result r = train(net, mask, Checkpoints.NONE);

        assertThat(r.metrics().evalIterations()).containsExactly(4, 8, 12);
        for (double v : r.metrics().valLoss()) assertThat(v).isFinite().isPositive();
        for (double a : r.metrics().testAccuracy()) assertThat(a * 6 / 100).as("test accuracy is a count of the 6 val/ images")
                .isCloseTo(Math.rint(a * 6 / 100), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.metrics().pmPercent()).isCloseTo(mask.pmPercent(), org.assertj.core.data.Offset.offset(1e-9));
        int moved = 0;
        for (LayerMask l : mask.layers()) {
            float[] w = net.net().getParam(l.param().key()).dup('c').data().asFloat(), w0 = before.get(l.param().key());
            for (int i = 0; i < w.length; i++) {
                if (l.keep()[i] == 0) assertThat(w[i]).as("pruned weight %d of %s", i, l.param().key()).isZero();
                else if (w[i] != w0[i]) moved++;
            }
        }
        assertThat(moved).as("surviving weights that training changed").isPositive();
    }

    @Test
    @DisplayName("killed after a checkpoint (mid-epoch) and resumed by a fresh trainer: bit-identical to the uninterrupted run")
    void resumesBitIdentically() {
        Mask mask = mask();
        Trainer.Result reference = train(build(), mask, Checkpoints.NONE);
        CheckpointResumeTest.Memory killed = new CheckpointResumeTest.Memory(5, 1, null);
        assertThatThrownBy(() -> train(build(), mask, killed)).isInstanceOf(CheckpointResumeTest.Killed.class);
        Checkpoint last = killed.saved.get(0);
        assertThat(last.iteration()).isEqualTo(5);
        assertThat(last.iteration() % (data.train().size() / CFG.batch())).as("killed mid-epoch").isNotZero();
        CheckpointResumeTest.Memory resumed = new CheckpointResumeTest.Memory(5, Integer.MAX_VALUE, last);
        CheckpointResumeTest.assertSameBits(train(build(), mask, resumed), reference, "resumed at iteration 5");
    }

    @Test
    @DisplayName("the minibatch of iteration k is a function of (seed, k): the same from any first iteration and decoding thread count")
    void batchesAreAFunctionOfSeedAndIteration() {
        String threads = System.getProperty(StreamedData.PROP_THREADS);
        try {
            System.setProperty(StreamedData.PROP_THREADS, "1");
            INDArray[] fromStart;
            try (RunData d = RunData.of(data, CFG, 7, 0)) {
                for (int it = 0; it < 7; it++) d.batch(it);
                fromStart = d.batch(7);
            }
            System.setProperty(StreamedData.PROP_THREADS, "3");
            try (RunData d = RunData.of(data, CFG, 7, 7)) {
                INDArray[] resumed = d.batch(7);
                assertThat(resumed[0].data().asFloat()).isEqualTo(fromStart[0].data().asFloat());
                assertThat(resumed[1].data().asFloat()).isEqualTo(fromStart[1].data().asFloat());
                assertThat(d.batch(8)[0].data().asFloat()).isNotEqualTo(fromStart[0].data().asFloat());
            }
            try (RunData other = RunData.of(data, CFG, 8, 7)) {
                assertThat(other.batch(7)[0].data().asFloat()).as("another seed").isNotEqualTo(fromStart[0].data().asFloat());
            }
            assertThat(fromStart[0].shape()).containsExactly(4, 3 * 32 * 32);
        } finally {
            if (threads == null) System.clearProperty(StreamedData.PROP_THREADS);
            else System.setProperty(StreamedData.PROP_THREADS, threads);
        }
        assertThatThrownBy(() -> RunData.of(data, CFG.augmented(true), 7, 0)).hasMessageContaining("augment");
        assertThatThrownBy(() -> RunData.of(data, new TrainConfig(12, 64, 4), 7, 0)).hasMessageContaining("fewer than one batch of 64");
    }
}
