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

    static dnnl_primitive_desc primitiveDesc(dnnl_convolution_desc_t op, dnnl_primitive_desc hint) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(op), null, Native.ENGINE, hint), "primitive desc");
        return pd;
    }

    static void check(int status, String what) {
        if (status != dnnl_success) throw new IllegalStateException("oneDNN " + what + " failed: status " + status);
    }
}
