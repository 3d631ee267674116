package lth.model;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up check of the CUDA backend ({@code -Pcuda}), before ND4J loads its CUDA natives: prints the
 * CUDA version the driver supports, the CUDA runtime, cuDNN and every device's compute capability,
 * and fails with one clear message when one is missing or unsupported (instead of ND4J's "no
 * backend" later). A no-op on the CPU build, whose classpath has no CUDA backend. The versions come
 * from the JavaCPP CUDA presets the cuda profile puts on the classpath (read by reflection, so the CPU
 * build compiles without them). {@code -Dnd4j.cuda.classifier=linux-x86_64-cudnn} (Maven passes a
 * command-line property on to the test JVM) makes cuDNN 8 required.
 */
public final class CudaCheck {
    private CudaCheck() { }

    static final String BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    /** What the probe found: versions as CUDA encodes them (11060 = 11.6, cuDNN 8302 = 8.3.2), -1 unknown. */
    public record Found(int driver, int runtime, long cudnn, List<Integer> capabilities, String runtimeError,
                        String cudnnError) { }

    private static boolean checked;
    private static String failure;

    /** Runs the check once per JVM (printing what it found); throws the same failure on every later call. */
    public static synchronized void require() {
        if (!checked) {
            checked = true;
            if (!present(BACKEND)) return;
            Found f = probe();
            System.out.println(describe(f));
            failure = problem(f, System.getProperty("nd4j.cuda.classifier", "").endsWith("-cudnn"));
        }
        if (failure != null) throw new IllegalStateException(failure);
    }

    static boolean present(String cls) {
        try {
            Class.forName(cls, false, CudaCheck.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static Found probe() {
        int driver = -1, runtime = -1;
        long cudnn = -1;
        List<Integer> caps = new ArrayList<>();
        String runtimeError = null, cudnnError = null;
        try {
            Class<?> rt = Class.forName("org.bytedeco.cuda.global.cudart");
            driver = intOut(rt, "cudaDriverGetVersion");
            runtime = intOut(rt, "cudaRuntimeGetVersion");
            int[] n = new int[1];
            if ((int) rt.getMethod("cudaGetDeviceCount", int[].class).invoke(null, (Object) n) == 0) {
                Method attr = rt.getMethod("cudaDeviceGetAttribute", int[].class, int.class, int.class);
                int major = rt.getField("cudaDevAttrComputeCapabilityMajor").getInt(null);
                int minor = rt.getField("cudaDevAttrComputeCapabilityMinor").getInt(null);
                for (int d = 0; d < n[0]; d++) {
                    int[] ma = new int[1], mi = new int[1];
                    attr.invoke(null, ma, major, d);
                    attr.invoke(null, mi, minor, d);
                    caps.add(ma[0] * 10 + mi[0]);
                }
            }
        } catch (Throwable t) {
            runtimeError = root(t);
        }
        try {
            cudnn = (long) Class.forName("org.bytedeco.cuda.global.cudnn").getMethod("cudnnGetVersion").invoke(null);
        } catch (Throwable t) {
            cudnnError = root(t);
        }
        return new Found(driver, runtime, cudnn, caps, runtimeError, cudnnError);
    }

    private static int intOut(Class<?> c, String method) throws ReflectiveOperationException {
        int[] v = {-1};
        c.getMethod(method, int[].class).invoke(null, (Object) v);
        return v[0];
    }

    private static String root(Throwable t) {
        while (t.getCause() != null) t = t.getCause();
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    static String cuda(int v) { return v / 1000 + "." + v % 1000 / 10; }

    /** The start-up line: everything found, and warnings that do not fail. */
    static String describe(Found f) {
        StringBuilder sb = new StringBuilder("CUDA start-up check: ");
        if (f.runtimeError() != null) return sb.append("CUDA runtime not loadable (").append(f.runtimeError()).append(')').toString();
        sb.append("driver supports CUDA ").append(f.driver() <= 0 ? "none (no driver)" : cuda(f.driver()))
                .append("; runtime CUDA ").append(cuda(f.runtime()))
                .append("; cuDNN ").append(f.cudnn() > 0 ? f.cudnn() / 1000 + "." + f.cudnn() % 1000 / 100 + "." + f.cudnn() % 100
                        : "not loaded (" + f.cudnnError() + "; only the -cudnn binary needs it)")
                .append("; devices: ");
        if (f.capabilities().isEmpty()) sb.append("none");
        for (int i = 0; i < f.capabilities().size(); i++) {
            int cc = f.capabilities().get(i);
            sb.append(i == 0 ? "" : ", ").append(i).append(": sm_").append(cc);
            if (cc > 87) sb.append(" (newer than CUDA 11.6 knows: runs only by PTX JIT, if the binary carries PTX; untested)");
        }
        return sb.toString();
    }

    /** Why the CUDA backend cannot run here, or null. */
    static String problem(Found f, boolean needCudnn) {
        String p = "CUDA backend (-Pcuda): ";
        if (f.runtimeError() != null)
            return p + "the CUDA 11.6 runtime (libcudart.so.11.0) cannot be loaded: " + f.runtimeError()
                    + " (install the CUDA 11.6 toolkit's runtime on this runner, or add -Pcuda-redist)";
        if (f.driver() <= 0)
            return p + "no NVIDIA driver found (the driver reports no CUDA version); install the NVIDIA driver (>= 510.39.01 for CUDA 11.6)";
        if (f.driver() < 11000)
            return p + "the NVIDIA driver supports CUDA " + cuda(f.driver()) + " only; CUDA 11.6 needs a driver for CUDA 11.x"
                    + " (>= 510.39.01, or >= 450.80.02 with minor-version compatibility)";
        if (f.runtime() / 1000 != 11)
            return p + "the CUDA runtime is " + cuda(f.runtime()) + "; nd4j-cuda-11.6 needs CUDA 11.x (built for 11.6)";
        if (f.capabilities().isEmpty())
            return p + "no CUDA device is visible (check nvidia-smi and CUDA_VISIBLE_DEVICES)";
        for (int i = 0; i < f.capabilities().size(); i++)
            if (f.capabilities().get(i) < 35)
                return p + "device " + i + " has compute capability " + f.capabilities().get(i) / 10 + "."
                        + f.capabilities().get(i) % 10 + "; CUDA 11.6 supports 3.5 and newer";
        if (needCudnn && (f.cudnn() <= 0 || f.cudnn() / 1000 != 8))
            return p + "the -cudnn binary needs cuDNN 8 (8.3), " + (f.cudnn() > 0 ? "found " + f.cudnn() : "not loadable: " + f.cudnnError())
                    + " (install cuDNN 8.3 for CUDA 11.x, or use -Dnd4j.cuda.classifier=linux-x86_64)";
        return null;
    }
}
