package lth.kernel;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * The backward pass of {@link DnnlPool}'s 2×2/2 max pooling on the blocked layout (nChw{b}c), from the workspace
 * oneDNN's forward pass keeps: one byte per output element, the argmax's place in its window (row·2 + column). The
 * input gradient is zeroed, then each output's gradient is written as {@code 0 + dy} at its argmax. The windows do not
 * overlap, so no element receives two gradients and this is oneDNN's backward pass (zero, then add) bit for bit;
 * {@link DnnlPool} checks that on its first backward pass and {@code BlockedLayoutTest} against the Java loops.
 * Thread CPU time a pass at Conv-6's three poolings (batch 60; AMD EPYC, medians of 200): oneDNN's 1.9 / 1.1 / 0.83 ms,
 * this 1.2 / 0.5 / 0.4 ms (about 2% of a Conv-6 step). Writing each element once instead of zeroing first was slower
 * (5.9 / 3.0 / 1.6 ms: a data-dependent select per element).
 */
final class PoolScatter {
    /** Backward passes that differed from oneDNN's on their first use (then oneDNN's ran): should stay 0. */
    static final java.util.concurrent.atomic.AtomicLong MISMATCHES = new java.util.concurrent.atomic.AtomicLong();
    /** Backward passes run here (diagnostics, tests). */
    static final java.util.concurrent.atomic.AtomicLong PASSES = new java.util.concurrent.atomic.AtomicLong();
    /** Marks a {@link DnnlPool} that found a difference and runs oneDNN's backward pass instead. */
    static final PoolScatter NONE = new PoolScatter(0, 0, 0, 0, 0, 0, 1);

    private final int n, c, h, w, oh, ow, b;

    PoolScatter(int n, int c, int h, int w, int oh, int ow, int block) {
        this.n = n; this.c = c; this.h = h; this.w = w; this.oh = oh; this.ow = ow; this.b = block;
    }

    /** dx (blocked, n·c·h·w floats from its position) = 0, then 0 + dy at each window's argmax in {@code ws}. */
    void backward(FloatBuffer dy, BytePointer ws, FloatPointer dx) {
        PASSES.incrementAndGet();
        Pointer.memset(dx, 0, 4L * n * c * h * w);
        FloatBuffer g = dx.asBuffer();
        ByteBuffer k = bytes(ws, (long) n * c * oh * ow);
        int blocks = n * (c / b), inPlane = h * w * b, outPlane = oh * ow * b, rowIn = w * b;
        for (int p = 0; p < blocks; p++) {
            int in = p * inPlane, out = p * outPlane;
            for (int r = 0; r < oh; r++) {
                for (int q = 0; q < ow; q++) {
                    int o = out + (r * ow + q) * b, corner = in + 2 * r * rowIn + 2 * q * b;
                    for (int l = 0; l < b; l++) {
                        int at = k.get(o + l);
                        g.put(corner + (at >> 1) * rowIn + (at & 1) * b + l, 0f + dy.get(o + l));
                    }
                }
            }
        }
    }

    /** {@code count} bytes from {@code p}'s position (an aligned buffer's start), without moving {@code p}. */
    static ByteBuffer bytes(BytePointer p, long count) {
        // (JavaCPP's buffer spans the pointer's position to its limit with index 0 at the allocation's start: slice it)
        return new BytePointer(p).limit(p.position() + count).asByteBuffer().slice().order(java.nio.ByteOrder.nativeOrder());
    }

    static int[] bits(float[] f) {
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) out[i] = Float.floatToRawIntBits(f[i]);
        return out;
    }
}
