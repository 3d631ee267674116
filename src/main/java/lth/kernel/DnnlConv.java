package lth.kernel;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import static lth.kernel.DnnlLib.aligned;
import static lth.kernel.DnnlLib.check;
import static lth.kernel.DnnlLib.md;
import static lth.kernel.DnnlLib.memory;
import static lth.kernel.DnnlLib.primitiveDesc;
import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * One 2-D convolution shape (batch, channels in/out, height, width, a k×k kernel, stride 1, symmetric padding
 * p, NCHW float, bias or none) as oneDNN primitives of its own: the forward pass, the backward-data and the
 * backward-weights passes, all three with {@code convolution_direct} and the memory layouts oneDNN prefers
 * ({@code format_tag_any}), plain NCHW / OIHW arrays reordered in and out per call.
 *
 * <p>This is oneDNN 2.5 (the {@code org.bytedeco:dnnl} preset), not the oneDNN 2.3 that DL4J M2.1 links into
 * libnd4j: libnd4j asks for {@code convolution_auto}, with which oneDNN 2.3 runs the backward passes of the
 * small convolutions the CPU tiers train as Winograd, several times slower than direct ones there, and it
 * builds its primitives on every call. Here they are built once per shape and reused.
 *
 * <p>Not thread-safe: one instance per layer (a layer trains on one thread); each thread has its own stream.
 */
final class DnnlConv implements AutoCloseable {
    final int n, ci, co, h, w, k, pad, oh, ow;
    final boolean bias, blockedIn, blockedOut;
    private final Step forward, backwardData, backwardWeights;

    DnnlConv(int n, int ci, int co, int h, int w, int k, int pad, boolean bias) {
        this(n, ci, co, h, w, k, pad, bias, false, false);
    }

    /**
     * {@code blockedIn}/{@code blockedOut}: the input (and its gradient) / the output (and its gradient) are in oneDNN's
     * blocked layout ({@link DnnlLib#blockedTag()}) as the neighbouring layer keeps them, not plain NCHW: no reorder.
     */
    DnnlConv(int n, int ci, int co, int h, int w, int k, int pad, boolean bias, boolean blockedIn, boolean blockedOut) {
        this.n = n; this.ci = ci; this.co = co; this.h = h; this.w = w; this.k = k; this.pad = pad; this.bias = bias;
        this.blockedIn = blockedIn;
        this.blockedOut = blockedOut;
        this.oh = h + 2 * pad - k + 1;
        this.ow = w + 2 * pad - k + 1;
        if (oh < 1 || ow < 1) throw new IllegalArgumentException("empty output for " + this);
        long[] src = {n, ci, h, w}, wei = {co, ci, k, k}, dst = {n, co, oh, ow}, strides = {1, 1}, p = {pad, pad};
        int tag = DnnlLib.blockedTag();
        if ((blockedIn || blockedOut) && tag == 0) throw new IllegalStateException("no blocked layout here for " + this);
        dnnl_memory_desc_t sAny = md(src, blockedIn ? tag : dnnl_format_tag_any), wAny = md(wei, dnnl_format_tag_any),
                dAny = md(dst, blockedOut ? tag : dnnl_format_tag_any), b = bias ? md(new long[]{co}, dnnl_x) : null;
        dnnl_memory_desc_t sPlain = blockedIn ? sAny : md(src, dnnl_nchw), wPlain = md(wei, dnnl_oihw),
                dPlain = blockedOut ? dAny : md(dst, dnnl_nchw);

        dnnl_convolution_desc_t fd = new dnnl_convolution_desc_t();
        check(dnnl_convolution_forward_desc_init(fd, dnnl_forward_training, dnnl_convolution_direct, sAny, wAny, b, dAny,
                strides, p, p), "forward desc");
        dnnl_primitive_desc fpd = primitiveDesc(fd, null);
        forward = new Step(fpd, new int[]{DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST},
                new int[]{dnnl_query_src_md, dnnl_query_weights_md, dnnl_query_dst_md},
                new dnnl_memory_desc_t[]{sPlain, wPlain, dPlain}, new boolean[]{true, true, false}, bias ? DNNL_ARG_BIAS : 0, b);

        dnnl_convolution_desc_t bdd = new dnnl_convolution_desc_t();
        check(dnnl_convolution_backward_data_desc_init(bdd, dnnl_convolution_direct, sAny, wAny, dAny, strides, p, p),
                "backward-data desc");
        backwardData = new Step(primitiveDesc(bdd, fpd), new int[]{DNNL_ARG_DIFF_DST, DNNL_ARG_WEIGHTS, DNNL_ARG_DIFF_SRC},
                new int[]{dnnl_query_diff_dst_md, dnnl_query_weights_md, dnnl_query_diff_src_md},
                new dnnl_memory_desc_t[]{dPlain, wPlain, sPlain}, new boolean[]{true, true, false}, 0, null);

        dnnl_convolution_desc_t bwd = new dnnl_convolution_desc_t();
        check(dnnl_convolution_backward_weights_desc_init(bwd, dnnl_convolution_direct, sAny, wAny, b, dAny, strides, p, p),
                "backward-weights desc");
        backwardWeights = new Step(primitiveDesc(bwd, fpd), new int[]{DNNL_ARG_SRC, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_WEIGHTS},
                new int[]{dnnl_query_src_md, dnnl_query_diff_dst_md, dnnl_query_diff_weights_md},
                new dnnl_memory_desc_t[]{sPlain, dPlain, wPlain}, new boolean[]{true, true, false}, bias ? DNNL_ARG_DIFF_BIAS : 0, b);
    }

    /** y = conv(x, W) + b: plain NCHW x and y, OIHW W, b of length co (null when the shape has no bias). */
    void forward(Pointer x, Pointer weights, Pointer b, Pointer y) {
        forward.run(b, x, weights, y);
    }

    /** dx = the gradient at the input, from dy and W. */
    void backwardData(Pointer dy, Pointer weights, Pointer dx) {
        backwardData.run(null, dy, weights, dx);
    }

    /** dW (OIHW) and db (length co; null when the shape has no bias) from x and dy. */
    void backwardWeights(Pointer x, Pointer dy, Pointer dW, Pointer db) {
        backwardWeights.run(db, x, dy, dW);
    }

    /** The implementations oneDNN chose (forward | backward data | backward weights), e.g. "jit:avx512_common". */
    String implementations() {
        return forward.impl() + " | " + backwardData.impl() + " | " + backwardWeights.impl();
    }

    @Override
    public void close() {
        forward.close();
        backwardData.close();
        backwardWeights.close();
    }

    @Override
    public String toString() {
        return "conv " + n + "x" + ci + "x" + h + "x" + w + " -> " + co + " (" + k + "x" + k + ", pad " + pad + (bias ? ", bias" : "")
                + (blockedIn ? ", blocked in" : "") + (blockedOut ? ", blocked out" : "") + ")";
    }

    /**
     * One primitive with its three tensor arguments (two in, one out) given as plain arrays: each is bound to a
     * plain-layout memory and, where the primitive wants another layout, reordered through a buffer of that
     * layout (inputs before, the output after), plus an optional bias-like argument passed as it is.
     */
    private static final class Step implements AutoCloseable {
        private final dnnl_primitive_desc pd;
        private final dnnl_primitive primitive;
        private final dnnl_memory[] plain = new dnnl_memory[3], inner = new dnnl_memory[3];
        private final dnnl_primitive[] reorder = new dnnl_primitive[3];
        private final BytePointer[] buffers = new BytePointer[3];      // the reordered layouts' memory, held here
        private final boolean[] in;
        private final dnnl_memory extra;
        private final dnnl_exec_arg_t args, reorderArgs = new dnnl_exec_arg_t(2);
        private final int nargs;

        Step(dnnl_primitive_desc pd, int[] argIds, int[] queries, dnnl_memory_desc_t[] plainMd, boolean[] in, int extraArg,
             dnnl_memory_desc_t extraMd) {
            this.pd = pd;
            this.in = in;
            this.primitive = new dnnl_primitive();
            check(dnnl_primitive_create(primitive, pd), "primitive");
            for (int i = 0; i < 3; i++) {
                dnnl_memory_desc_t want = dnnl_primitive_desc_query_md(pd, queries[i], 0);
                plain[i] = memory(plainMd[i], null);
                if (dnnl_memory_desc_equal(want, plainMd[i]) == 1) {
                    inner[i] = plain[i];
                } else {
                    inner[i] = memory(want, buffers[i] = aligned(dnnl_memory_desc_get_size(want)));
                    dnnl_primitive_desc rpd = new dnnl_primitive_desc();
                    check(in[i] ? dnnl_reorder_primitive_desc_create(rpd, plainMd[i], DnnlLib.Native.ENGINE, want, DnnlLib.Native.ENGINE, null)
                            : dnnl_reorder_primitive_desc_create(rpd, want, DnnlLib.Native.ENGINE, plainMd[i], DnnlLib.Native.ENGINE, null), "reorder desc");
                    reorder[i] = new dnnl_primitive();
                    check(dnnl_primitive_create(reorder[i], rpd), "reorder");
                    dnnl_primitive_desc_destroy(rpd);
                }
            }
            extra = extraArg != 0 ? memory(extraMd, null) : null;
            nargs = extraArg != 0 ? 4 : 3;
            args = new dnnl_exec_arg_t(nargs);
            for (int i = 0; i < 3; i++) args.position(i).arg(argIds[i]).memory(inner[i]);
            if (extraArg != 0) args.position(3).arg(extraArg).memory(extra);
            args.position(0);
        }

        void run(Pointer extraData, Pointer a, Pointer b, Pointer out) {
            dnnl_stream s = DnnlLib.STREAM.get();
            Pointer[] data = {a, b, out};
            for (int i = 0; i < 3; i++) {
                check(dnnl_memory_set_data_handle_v2(plain[i], data[i], s), "data handle");
                if (in[i] && reorder[i] != null) reorder(i, plain[i], inner[i], s);
            }
            if (extra != null) check(dnnl_memory_set_data_handle_v2(extra, extraData, s), "data handle");
            check(dnnl_primitive_execute(primitive, s, nargs, args), "execute");
            if (reorder[2] != null) reorder(2, inner[2], plain[2], s);
            check(dnnl_stream_wait(s), "wait");
        }

        private void reorder(int i, dnnl_memory from, dnnl_memory to, dnnl_stream s) {
            reorderArgs.position(0).arg(DNNL_ARG_FROM).memory(from);
            reorderArgs.position(1).arg(DNNL_ARG_TO).memory(to);
            reorderArgs.position(0);
            check(dnnl_primitive_execute(reorder[i], s, 2, reorderArgs), "reorder");
        }

        String impl() {
            return DnnlLib.implementation(pd);
        }

        @Override
        public void close() {
            dnnl_primitive_destroy(primitive);
            for (int i = 0; i < 3; i++) {
                if (reorder[i] != null) dnnl_primitive_destroy(reorder[i]);
                if (inner[i] != plain[i]) dnnl_memory_destroy(inner[i]);
                dnnl_memory_destroy(plain[i]);
            }
            if (extra != null) dnnl_memory_destroy(extra);
            dnnl_primitive_desc_destroy(pd);
            args.close();
            reorderArgs.close();
            for (BytePointer b : buffers) if (b != null) b.close();
        }
    }

}
