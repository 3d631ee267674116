package lth.kernel;

import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_pooling_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

import java.nio.FloatBuffer;

import static lth.kernel.DnnlLib.aligned;
import static lth.kernel.DnnlLib.check;
import static lth.kernel.DnnlLib.md;
import static lth.kernel.DnnlLib.memory;
import static lth.kernel.DnnlLib.primitiveDesc;
import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * 2×2/2 max pooling of one shape (batch n, c channels, h×w to oh×ow, "same" mode's padding on the bottom and right
 * only) on oneDNN 2.5's blocked activation layout ({@link DnnlLib#blockedTag()}), the layout {@link DnnlConv} reads
 * and writes between layers: its jit kernels instead of per-element loops over NCHW. The input is always blocked;
 * the output (and the output gradient the backward pass reads) is blocked or, for the last pooling before the dense
 * layers, plain NCHW through a reorder.
 *
 * <p>oneDNN's max pooling is {@link MaxPoolKernels}'s function: the maximum starts at the lowest float and the
 * window's in-range elements replace it only when strictly greater, in row order (NaN never taken, the first of equal
 * values wins); the backward pass zeroes the input gradient and adds each output's gradient at that argmax, which the
 * forward pass keeps in a workspace. Tested equal to the Java loops ({@code DnnlPoolTest}).
 *
 * <p>Not thread-safe: one instance per layer and batch size.
 */
final class DnnlPool implements AutoCloseable {
    /** Forward and backward passes run (diagnostics, tests). */
    static final java.util.concurrent.atomic.AtomicLong PASSES = new java.util.concurrent.atomic.AtomicLong();
    final int n, c, h, w, oh, ow;
    final boolean plainOut;
    private final dnnl_primitive_desc fpd, bpd;
    private final dnnl_primitive forward, backward, toPlain, fromPlain;
    private final dnnl_memory src, dst, dstPlain, ws, diffDst, diffDstPlain, diffSrc;
    private final BytePointer dstBuf, wsBuf, diffDstBuf;
    private final dnnl_exec_arg_t fargs = new dnnl_exec_arg_t(3), bargs = new dnnl_exec_arg_t(3), rargs = new dnnl_exec_arg_t(2);
    /** The input whose argmax the workspace holds (its address; 0: none), so a backward pass may reuse it. */
    private long workspaceFor;

    DnnlPool(int n, int c, int h, int w, int oh, int ow, boolean plainOut) {
        this.n = n; this.c = c; this.h = h; this.w = w; this.oh = oh; this.ow = ow; this.plainOut = plainOut;
        int tag = DnnlLib.blockedTag();
        long[] in = {n, c, h, w}, out = {n, c, oh, ow}, kernel = {2, 2}, strides = {2, 2}, padL = {0, 0},
                padR = {Math.max(0, 2L * oh - h), Math.max(0, 2L * ow - w)};   // "same" on an odd side: one on the bottom/right
        if (padR[0] > 1 || padR[1] > 1 || (h + padR[0]) / 2 != oh || (w + padR[1]) / 2 != ow)
            throw new IllegalArgumentException("not a 2x2/2 pooling: " + this);
        dnnl_memory_desc_t sMd = md(in, tag), dMd = md(out, tag), dPlainMd = md(out, dnnl_nchw);

        dnnl_pooling_desc_t fd = new dnnl_pooling_desc_t();
        check(dnnl_pooling_forward_desc_init(fd, dnnl_forward_training, dnnl_pooling_max, sMd, dMd, strides, kernel, padL, padR),
                "pooling forward desc");
        fpd = primitiveDesc(fd, null);
        dnnl_pooling_desc_t bd = new dnnl_pooling_desc_t();
        check(dnnl_pooling_backward_desc_init(bd, dnnl_pooling_max, sMd, dMd, strides, kernel, padL, padR), "pooling backward desc");
        bpd = primitiveDesc(bd, fpd);
        forward = primitive(fpd);
        backward = primitive(bpd);

        dnnl_memory_desc_t wsMd = dnnl_primitive_desc_query_md(fpd, dnnl_query_workspace_md, 0);
        src = memory(sMd, null);
        diffSrc = memory(sMd, null);
        dstBuf = aligned(dnnl_memory_desc_get_size(dMd));
        dst = memory(dMd, null);
        diffDst = memory(dMd, null);
        wsBuf = aligned(dnnl_memory_desc_get_size(wsMd));
        ws = memory(wsMd, wsBuf);
        if (plainOut) {
            diffDstBuf = aligned(dnnl_memory_desc_get_size(dMd));
            dstPlain = memory(dPlainMd, null);
            diffDstPlain = memory(dPlainMd, null);
            toPlain = reorder(dMd, dPlainMd);
            fromPlain = reorder(dPlainMd, dMd);
        } else {
            diffDstBuf = null;
            dstPlain = diffDstPlain = null;
            toPlain = fromPlain = null;
        }
    }

    private static dnnl_primitive primitive(dnnl_primitive_desc pd) {
        dnnl_primitive p = new dnnl_primitive();
        check(dnnl_primitive_create(p, pd), "pooling primitive");
        return p;
    }

    private static dnnl_primitive reorder(dnnl_memory_desc_t from, dnnl_memory_desc_t to) {
        dnnl_primitive_desc rpd = new dnnl_primitive_desc();
        check(dnnl_reorder_primitive_desc_create(rpd, from, DnnlLib.Native.ENGINE, to, DnnlLib.Native.ENGINE, null), "reorder desc");
        dnnl_primitive p = primitive(rpd);
        dnnl_primitive_desc_destroy(rpd);
        return p;
    }

    /** y = the pooled x (x blocked; y blocked, or plain NCHW where {@link #plainOut}); keeps the argmax for {@link #backward}. */
    void forward(Pointer x, Pointer y) {
        dnnl_stream s = DnnlLib.STREAM.get();
        run(x, plainOut ? dstBuf : y, s);
        if (plainOut) {
            check(dnnl_memory_set_data_handle_v2(dst, dstBuf, s), "data handle");
            check(dnnl_memory_set_data_handle_v2(dstPlain, y, s), "data handle");
            exec(toPlain, dst, dstPlain, s);
        }
        check(dnnl_stream_wait(s), "wait");
        workspaceFor = first(x);
        PASSES.incrementAndGet();
    }

    /**
     * dx (blocked) = dy (blocked, or plain NCHW where {@link #plainOut}) routed to each window's argmax in x: zero, then
     * {@code 0 + dy} at the argmax the forward pass kept ({@link PoolScatter}; 2x2/2 windows do not overlap, so this is
     * oneDNN's backward pass bit for bit, in about half its time). The first backward pass of each instance also runs oneDNN's
     * and keeps to it for good if the two differ anywhere (a workspace encoding this code does not know).
     */
    void backward(Pointer x, FloatPointer dy, FloatPointer dx) {
        dnnl_stream s = DnnlLib.STREAM.get();
        if (workspaceFor != first(x)) run(x, dstBuf, s);            // not the input of the last forward pass: its argmax again
        Pointer blockedDy = dy;
        if (plainOut) {
            check(dnnl_memory_set_data_handle_v2(diffDstPlain, dy, s), "data handle");
            check(dnnl_memory_set_data_handle_v2(diffDst, diffDstBuf, s), "data handle");
            exec(fromPlain, diffDstPlain, diffDst, s);
            blockedDy = diffDstBuf;
        }
        check(dnnl_stream_wait(s), "wait");
        long outputs = (long) n * c * oh * ow;
        FloatBuffer g = plainOut ? PoolScatter.bytes(diffDstBuf, 4 * outputs).asFloatBuffer() : dy.asBuffer();
        if (scatter == null) {                                       // first pass: oneDNN's, then the scatter checked against it
            oneDnnBackward(blockedDy, dx, s);
            float[] want = new float[n * c * h * w];
            dx.asBuffer().get(want);
            PoolScatter candidate = new PoolScatter(n, c, h, w, oh, ow, DnnlLib.blockSize());
            candidate.backward(g, wsBuf, dx);
            float[] got = new float[want.length];
            dx.asBuffer().get(got);
            boolean same = java.util.Arrays.equals(PoolScatter.bits(got), PoolScatter.bits(want));
            scatter = same ? candidate : PoolScatter.NONE;
            if (!same) {
                PoolScatter.MISMATCHES.incrementAndGet();
                dx.asBuffer().put(want);
            }
        } else if (scatter != PoolScatter.NONE) {
            scatter.backward(g, wsBuf, dx);
        } else {
            oneDnnBackward(blockedDy, dx, s);
        }
        workspaceFor = 0;
        PASSES.incrementAndGet();
    }

    /** The Java backward pass this instance uses once checked; null before its first backward pass ({@code -Dlth.kernel.poolScatter=false}: never). */
    private PoolScatter scatter = "false".equals(System.getProperty("lth.kernel.poolScatter")) ? PoolScatter.NONE : null;

    private void oneDnnBackward(Pointer blockedDy, Pointer dx, dnnl_stream s) {
        check(dnnl_memory_set_data_handle_v2(diffDst, blockedDy, s), "data handle");
        check(dnnl_memory_set_data_handle_v2(diffSrc, dx, s), "data handle");
        execute(backward, bargs, new int[]{DNNL_ARG_DIFF_DST, DNNL_ARG_WORKSPACE, DNNL_ARG_DIFF_SRC}, new dnnl_memory[]{diffDst, ws, diffSrc}, s);
        check(dnnl_stream_wait(s), "wait");
    }

    /** The address of a pointer's first element (its position counted in, as oneDNN reads it). */
    private static long first(Pointer p) {
        return p.address() + p.position() * p.sizeof();
    }

    private void run(Pointer x, Pointer y, dnnl_stream s) {
        check(dnnl_memory_set_data_handle_v2(src, x, s), "data handle");
        check(dnnl_memory_set_data_handle_v2(dst, y, s), "data handle");
        execute(forward, fargs, new int[]{DNNL_ARG_SRC, DNNL_ARG_DST, DNNL_ARG_WORKSPACE}, new dnnl_memory[]{src, dst, ws}, s);
    }

    private void exec(dnnl_primitive reorder, dnnl_memory from, dnnl_memory to, dnnl_stream s) {
        execute(reorder, rargs, new int[]{DNNL_ARG_FROM, DNNL_ARG_TO}, new dnnl_memory[]{from, to}, s);
    }

    private static void execute(dnnl_primitive p, dnnl_exec_arg_t args, int[] ids, dnnl_memory[] memories, dnnl_stream s) {
        for (int i = 0; i < ids.length; i++) args.position(i).arg(ids[i]).memory(memories[i]);
        check(dnnl_primitive_execute(p, s, ids.length, args.position(0)), "pooling");
    }

    /** The implementation oneDNN chose for the forward pass, e.g. "jit:avx512_common". */
    String implementation() { return DnnlLib.implementation(fpd); }

    @Override
    public void close() {
        for (dnnl_primitive p : new dnnl_primitive[]{forward, backward, toPlain, fromPlain}) if (p != null) dnnl_primitive_destroy(p);
        for (dnnl_memory m : new dnnl_memory[]{src, dst, dstPlain, ws, diffDst, diffDstPlain, diffSrc}) if (m != null) dnnl_memory_destroy(m);
        dnnl_primitive_desc_destroy(bpd);
        dnnl_primitive_desc_destroy(fpd);
        fargs.close();
        bargs.close();
        rargs.close();
        for (BytePointer b : new BytePointer[]{dstBuf, wsBuf, diffDstBuf}) if (b != null) b.close();
    }

    @Override
    public String toString() {
        return "max pool 2x2/2 " + n + "x" + c + "x" + h + "x" + w + " -> " + oh + "x" + ow + (plainOut ? " (plain out)" : "");
    }

    /** One {@link DnnlPool} per batch size (training, evaluation and a last partial batch), rebuilt when the shape changes. */
    static final class Cache {
        private final java.util.Map<Long, DnnlPool> pools = new java.util.LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<Long, DnnlPool> eldest) {
                if (size() <= 6) return false;
                eldest.getValue().close();
                return true;
            }
        };

        DnnlPool get(int n, int c, int h, int w, int oh, int ow, boolean plainOut) {
            DnnlPool p = pools.get((long) n);
            if (p != null && p.c == c && p.h == h && p.w == w && p.oh == oh && p.ow == ow && p.plainOut == plainOut) return p;
            if (p != null) p.close();
            p = new DnnlPool(n, c, h, w, oh, ow, plainOut);
            pools.put((long) n, p);
            return p;
        }
    }
}
