package lth.kernel;

import lth.model.Architectures;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import lth.prune.Mask;
import lth.train.TrainConfig;
import lth.train.Trainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link BlockedLayout}: the same training, bit for bit, with the activations kept blocked between layers or not. */
class BlockedLayoutTest {
    static Trainer.Result train(String name, boolean blocked, int steps, int[] chained) {
        if (!blocked) System.setProperty("lth.kernel.blocked", "false");
        try {
            Network n = Architectures.build(new ModelSpec(name, 0.25), Optimizer.adam(3e-4), 3, 1, 28, 28, 10);
            chained[0] = BlockedLayout.chain((MultiLayerNetwork) n.net());   // again: counts, and idempotent
            return Trainer.train(n, Mask.dense(n.prunable()), lth.train.TinyData.splits(), 3, new TrainConfig(steps, 32, steps / 2));
        } finally {
            System.clearProperty("lth.kernel.blocked");
        }
    }

    @ParameterizedTest(name = "{0}: {1} blocked boundaries")
    @CsvSource({"conv-6, 8", "conv-4, 5", "conv-2-dropout, 2"})
    @DisplayName("a network trains to the same parameter bits and metrics with its activations blocked between layers")
    void sameBits(String name, int boundaries) {
        Assumptions.assumeTrue(DnnlLib.available() && DnnlLib.blockSize() > 0 && Buffers.cpu(), "oneDNN 2.5 with a blocked layout");
        int[] chained = new int[1], plain = new int[1];
        long f0 = MaxPoolKernels.FORWARD.get(), p0 = DnnlPool.PASSES.get();
        Trainer.Result a = train(name, true, 6, chained);
        long p1 = DnnlPool.PASSES.get();
        Trainer.Result b = train(name, false, 6, plain);
        assertThat(p1 - p0).as("pooling passes on the blocked layout").isGreaterThanOrEqualTo(12);
        assertThat(DnnlPool.PASSES.get()).as("none without it").isEqualTo(p1);
        assertThat(chained[0]).isEqualTo(boundaries);
        assertThat(plain[0]).isZero();
        INDArray pa = a.finalParams(), pb = b.finalParams();
        assertThat(pa.data().asFloat()).isEqualTo(pb.data().asFloat());
        assertThat(a.metrics().valLoss()).isEqualTo(b.metrics().valLoss());
        assertThat(a.metrics().testAccuracy()).isEqualTo(b.metrics().testAccuracy());
        assertThat(MaxPoolKernels.FORWARD.get()).isGreaterThan(f0);
    }

    /** NCHW index order to the blocked layout's (nChw{b}c): the same values, the channels in blocks of b innermost. */
    static float[] block(float[] x, int n, int c, int h, int w, int b) {
        float[] y = new float[x.length];
        for (int i = 0; i < n; i++) for (int ch = 0; ch < c; ch++) for (int r = 0; r < h; r++) for (int q = 0; q < w; q++)
            y[((((i * (c / b) + ch / b) * h + r) * w + q) * b) + ch % b] = x[((i * c + ch) * h + r) * w + q];
        return y;
    }

    static float[] unblock(float[] y, int n, int c, int h, int w, int b) {
        float[] x = new float[y.length];
        for (int i = 0; i < n; i++) for (int ch = 0; ch < c; ch++) for (int r = 0; r < h; r++) for (int q = 0; q < w; q++)
            x[((i * c + ch) * h + r) * w + q] = y[((((i * (c / b) + ch / b) * h + r) * w + q) * b) + ch % b];
        return x;
    }

    static int[] bits(float[] f) {
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) b[i] = Float.floatToRawIntBits(f[i]);
        return b;
    }

    @ParameterizedTest(name = "{0}x{1}x{2}x{3} {4}, plain out {5}")
    @CsvSource({"2, 16, 7, 7, Same, true", "2, 32, 14, 14, Same, false", "3, 16, 7, 9, Truncate, false", "1, 64, 4, 4, Same, true",
            "2, 16, 9, 7, Truncate, true", "2, 48, 28, 28, Same, false"})
    @DisplayName("oneDNN's blocked max pooling (and the scatter that replaces its backward pass) is the Java loops' function, bit for bit, forward and backward (NaN, ±0, ±∞, ties)")
    void poolingAsTheLoops(int n, int c, int h, int w, String mode, boolean plainOut) {
        Assumptions.assumeTrue(DnnlLib.available() && DnnlLib.blockSize() > 0 && Buffers.cpu(), "oneDNN 2.5 with a blocked layout");
        int b = DnnlLib.blockSize();
        var m = org.deeplearning4j.nn.conf.ConvolutionMode.valueOf(mode);
        int oh = MaxPoolKernels.out(h, m), ow = MaxPoolKernels.out(w, m);
        float[] x = MaxPoolKernelsTest.values(n * c * h * w, 3 + h, true), dy = MaxPoolKernelsTest.values(n * c * oh * ow, 5 + w, true);
        java.nio.FloatBuffer xb = java.nio.FloatBuffer.wrap(x), yRef = java.nio.FloatBuffer.allocate(n * c * oh * ow),
                dxRef = java.nio.FloatBuffer.allocate(x.length);
        MaxPoolKernels.forward(xb, yRef, n * c, h, w, oh, ow);
        MaxPoolKernels.backward(xb, java.nio.FloatBuffer.wrap(dy), dxRef, n * c, h, w, oh, ow);

        INDArray xBlocked = org.nd4j.linalg.factory.Nd4j.create(block(x, n, c, h, w, b));
        INDArray y = org.nd4j.linalg.factory.Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, n * c * oh * ow);
        INDArray dyIn = org.nd4j.linalg.factory.Nd4j.create(plainOut ? dy : block(dy, n, c, oh, ow, b));
        INDArray dx = org.nd4j.linalg.factory.Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, x.length);
        try (DnnlPool pool = new DnnlPool(n, c, h, w, oh, ow, plainOut)) {
            pool.forward(Buffers.pointer(xBlocked), Buffers.pointer(y));
            long mismatches = PoolScatter.MISMATCHES.get(), scattered = PoolScatter.PASSES.get();
            pool.backward(Buffers.pointer(xBlocked), Buffers.pointer(dyIn), Buffers.pointer(dx));
            float[] yOut = y.data().asFloat();
            assertThat(bits(plainOut ? yOut : unblock(yOut, n, c, oh, ow, b))).isEqualTo(bits(yRef.array()));
            assertThat(bits(unblock(dx.data().asFloat(), n, c, h, w, b))).isEqualTo(bits(dxRef.array()));
            // a backward pass on an input whose forward pass it did not see recomputes the argmax
            INDArray xCopy = xBlocked.dup();
            dx.assign(7f);
            pool.backward(Buffers.pointer(xCopy), Buffers.pointer(dyIn), Buffers.pointer(dx));
            assertThat(bits(unblock(dx.data().asFloat(), n, c, h, w, b))).isEqualTo(bits(dxRef.array()));
            // the backward passes ran as PoolScatter's zero-and-scatter, checked against oneDNN's on the first
            assertThat(PoolScatter.MISMATCHES.get()).as("the scatter differed from oneDNN's backward pass").isEqualTo(mismatches);
            assertThat(PoolScatter.PASSES.get() - scattered).isEqualTo(2);
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("a blocked layer that cannot run its kernel fails loudly instead of letting DL4J read the blocked array as NCHW")
    void noSilentFallback() {
        Assumptions.assumeTrue(DnnlLib.available() && DnnlLib.blockSize() > 0 && Buffers.cpu(), "oneDNN 2.5 with a blocked layout");
        Network n = Architectures.build(new ModelSpec("conv-4", 0.25), Optimizer.adam(3e-4), 3, 1, 28, 28, 10);
        INDArray x = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 28 * 28);
        INDArray y = n.output(x);
        try {
            MaxPoolKernels.enabled = false;                  // the pooling's kernels off after the boundaries were chained
            // (DL4J's output wraps any Throwable of a forward pass; its helper fallbacks catch only Exceptions)
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> n.output(x))
                    .hasStackTraceContaining("BlockedLayout$Misread").hasStackTraceContaining("lth.kernel.blocked=false");
        } finally {
            MaxPoolKernels.enabled = true;
        }
        assertThat(n.output(x).data().asFloat()).isEqualTo(y.data().asFloat());
    }
}
