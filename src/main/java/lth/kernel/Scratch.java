package lth.kernel;

import java.nio.FloatBuffer;

/**
 * How the batch-norm kernels ({@link BatchNormKernels}) read and write off-heap tensors:
 * in chunks of at most {@link #CHUNK} floats, bulk-copied into per-thread heap arrays that stay in
 * the L1/L2 cache, processed by a loop the JIT vectorizes, and copied back. Chunking matters: copying
 * a whole 16 MB activation to the heap and back costs more memory traffic than libnd4j's op it replaces.
 */
final class Scratch {
    private Scratch() { }

    /** Floats per chunk (16 KiB per array). */
    static final int CHUNK = 4096;

    private static final ThreadLocal<float[][]> SLOTS = ThreadLocal.withInitial(() -> new float[][]{new float[CHUNK], new float[CHUNK]});

    /** The thread's two chunk arrays. A kernel must not call another kernel while it uses them. */
    static float[][] slots() {
        return SLOTS.get();
    }

    /** What a pass does with one channel's segment {@code [off, off + len)} of the chunk arrays. */
    interface Segment {
        void apply(int channel, int off, int len);
    }

    /**
     * Walks an NCHW tensor ([n][ch][hw] in buffer order) chunk by chunk: copies each chunk of
     * {@code a} into slot 0 (and of {@code b}, if given, into slot 1), calls {@code body} for each
     * channel segment in it, then, if {@code out} is given, copies slot 1 to it. Several channels
     * share a chunk when their blocks are small; a block larger than a chunk is split.
     */
    static void walk(int n, int ch, int hw, FloatBuffer a, FloatBuffer b, FloatBuffer out, Segment body) {
        float[][] s = slots();
        float[] s0 = s[0], s1 = s[1];
        for (int i = 0; i < n; i++) {
            int base = i * ch * hw;
            for (int c = 0; c < ch; ) {
                if (hw >= CHUNK) {
                    for (int off = 0; off < hw; off += CHUNK) {
                        int len = Math.min(CHUNK, hw - off), at = base + c * hw + off;
                        a.get(at, s0, 0, len);
                        if (b != null) b.get(at, s1, 0, len);
                        body.apply(c, 0, len);
                        if (out != null) out.put(at, s1, 0, len);
                    }
                    c++;
                } else {
                    int k = Math.min(ch - c, CHUNK / hw), len = k * hw, at = base + c * hw;
                    a.get(at, s0, 0, len);
                    if (b != null) b.get(at, s1, 0, len);
                    for (int j = 0; j < k; j++) body.apply(c + j, j * hw, hw);
                    if (out != null) out.put(at, s1, 0, len);
                    c += k;
                }
            }
        }
    }
}
