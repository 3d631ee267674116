package lth.kernel;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;

import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * oneDNN 2.5 (the {@code org.bytedeco:dnnl} preset) for {@link DnnlConv}: whether its native library loads, the CPU
 * engine, a stream per thread, and the few C-API calls the convolutions need, each checked.
 */
final class DnnlLib {
    private DnnlLib() { }

    /** Whether the oneDNN preset's native library loads here (else the layers keep DL4J's helper). */
    static boolean available() { return Native.OK; }

    /** The oneDNN version the kernel runs (for provenance), e.g. "2.5.2". */
    static String version() {
        if (!available()) return "unavailable";
        var v = dnnl_version();
        return v.major() + "." + v.minor() + "." + v.patch();
    }

    /** Why the native library did not load (empty when it did). */
    static String problem() { return Native.PROBLEM; }

    static final class Native {
        static final boolean OK;
        static final String PROBLEM;
        static final dnnl_engine ENGINE;

        static {
            String problem = "";
            dnnl_engine e = null;
            try {
                Loader.load(org.bytedeco.dnnl.global.dnnl.class);
                e = new dnnl_engine();
                check(dnnl_engine_create(e, dnnl_cpu, 0), "engine");
            } catch (Throwable t) {
                problem = t.toString();
            }
            OK = problem.isEmpty();
            PROBLEM = problem;
            ENGINE = e;
        }
    }

    static final ThreadLocal<dnnl_stream> STREAM = ThreadLocal.withInitial(() -> {
        dnnl_stream s = new dnnl_stream();
        check(dnnl_stream_create(s, Native.ENGINE, dnnl_stream_default_flags), "stream");
        return s;
    });

    static dnnl_memory_desc_t md(long[] dims, int tag) {
        dnnl_memory_desc_t m = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(m, dims.length, dims, dnnl_f32, tag), "memory desc");
        return m;
    }

    /** Native memory of {@code bytes}, its first byte on a 64-byte boundary (oneDNN's blocked kernels read whole cache lines). */
    static BytePointer aligned(long bytes) {
        BytePointer raw = new BytePointer(bytes + 64);
        return raw.position((64 - raw.address() % 64) % 64);
    }

    static dnnl_memory memory(dnnl_memory_desc_t md, Pointer handle) {
        dnnl_memory m = new dnnl_memory();
        check(dnnl_memory_create(m, md, Native.ENGINE, handle), "memory");
        return m;
    }

    /**
     * The blocked activation layout oneDNN's direct convolutions choose here for 16 channels (nChw16c with AVX-512,
     * nChw8c with AVX2), which {@link DnnlConv} and {@link DnnlPool} keep between layers; 0 where it is neither or
     * oneDNN does not load (activations then stay plain NCHW).
     */
    static int blockedTag() { return Blocked.TAG; }

    /** The channel block of {@link #blockedTag()} (16 or 8; 0 without one): a blocked tensor's channels must be a multiple. */
    static int blockSize() { return Blocked.TAG == dnnl_nChw16c ? 16 : Blocked.TAG == dnnl_nChw8c ? 8 : 0; }

    private static final class Blocked {
        static final int TAG = probe();

        private static int probe() {
            if (!available()) return 0;
            long[] x = {1, 16, 8, 8}, wt = {16, 16, 3, 3}, one = {1, 1};
            dnnl_convolution_desc_t d = new dnnl_convolution_desc_t();
            check(dnnl_convolution_forward_desc_init(d, dnnl_forward_training, dnnl_convolution_direct, md(x, dnnl_format_tag_any),
                    md(wt, dnnl_format_tag_any), null, md(x, dnnl_format_tag_any), one, one, one), "probe desc");
            dnnl_primitive_desc pd = primitiveDesc(d, null);
            try {
                dnnl_memory_desc_t chosen = dnnl_primitive_desc_query_md(pd, dnnl_query_dst_md, 0);
                for (int tag : new int[]{dnnl_nChw16c, dnnl_nChw8c}) if (dnnl_memory_desc_equal(chosen, md(x, tag)) == 1) return tag;
                return 0;
            } finally {
                dnnl_primitive_desc_destroy(pd);
            }
        }
    }

    /** The implementation a primitive descriptor runs, e.g. "jit:avx512_common". */
    static String implementation(dnnl_primitive_desc pd) {
        org.bytedeco.javacpp.PointerPointer<BytePointer> out = new org.bytedeco.javacpp.PointerPointer<>(1);
        check(dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, out), "impl query");
        return out.get(BytePointer.class, 0).getString();
    }

    static dnnl_primitive_desc primitiveDesc(Pointer op, dnnl_primitive_desc hint) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(op), null, Native.ENGINE, hint), "primitive desc");
        return pd;
    }

    static void check(int status, String what) {
        if (status != dnnl_success) throw new IllegalStateException("oneDNN " + what + " failed: status " + status);
    }
}
