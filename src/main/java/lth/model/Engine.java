package lth.model;

import lth.kernel.Buffers;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which numeric engine trains the networks, as far as it changes the bits of a result: the ND4J
 * backend and, on the CPU, whether DL4J's oneDNN layer helpers run the convolution, pooling and
 * batch-norm layers ({@code -Ponednn}: several times faster than DL4J's own im2col + gemm, equally
 * deterministic, not bit-identical to it).
 *
 * <p>DL4J 1.0.0-M2.1 ships the helpers switched off twice over: the property
 * {@code org.eclipse.deeplearning4j.helpers.disable} defaults to true, and the helpers' check looks up
 * a class name that nd4j-native M2.1 moved ({@link org.nd4j.nativeblas.Nd4jCpu} restores it). With
 * the {@code linux-x86_64-onednn} natives selected and the property false, they run.
 */
public final class Engine {
    private Engine() { }

    /** The ND4J backend's class name: CpuBackend, or JCublasBackend for CUDA. Initializes ND4J. */
    public static String backend() { return Nd4j.getBackend().getClass().getSimpleName(); }

    /** Whether this JVM runs ND4J's CPU backend (whose buffers the Java kernels address directly: {@link Buffers#cpu()}). */
    public static boolean cpu() { return Buffers.cpu(); }

    /** Whether this JVM computes on a GPU (the CUDA backend), for claims that need one. */
    public static boolean gpu() { return isGpu(backend()); }

    /** The CUDA backend's class is JCublasBackend (package org.nd4j.linalg.jcublas): no "cuda" in its name. */
    static boolean isGpu(String backendName) {
        String n = backendName.toLowerCase();
        return n.contains("cuda") || n.contains("cublas");
    }

    /** Whether DL4J's oneDNN helpers are on in this JVM. */
    public static boolean oneDnn() {
        return "false".equalsIgnoreCase(System.getProperty("org.eclipse.deeplearning4j.helpers.disable", "true"))
                && org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
    }

    /** The engine's JVM options as set in this JVM, for starting another JVM with the same engine. */
    public static java.util.List<String> jvmOptions() {
        java.util.List<String> opts = new java.util.ArrayList<>();
        for (String key : new String[]{"org.bytedeco.javacpp.platform.extension", "org.eclipse.deeplearning4j.helpers.disable"}) {
            String v = System.getProperty(key);
            if (v != null) opts.add("-D" + key + "=" + v);
        }
        return opts;
    }

    /** "cpu", "cpu+onednn", or the backend's class name (e.g. "JCublasBackend"); initializes ND4J. */
    public static String id() {
        return Holder.ID;
    }

    private static final class Holder {
        static final String ID = compute();

        private static String compute() {
            String backend = backend();
            if (!cpu()) return backend;
            return oneDnn() ? "cpu+onednn" : "cpu";
        }
    }
}
