package lth.claim;

import org.nd4j.linalg.factory.Nd4j;

/** Which ND4J backend this JVM runs on (CPU or CUDA), for claims that need a GPU. */
public final class Backend {
    private Backend() { }

    public static String name() { return Nd4j.getBackend().getClass().getSimpleName(); }

    public static boolean isGpu() { return isGpu(name()); }

    /** The CUDA backend's class is JCublasBackend (package org.nd4j.linalg.jcublas): no "cuda" in its name. */
    static boolean isGpu(String backendName) {
        String n = backendName.toLowerCase();
        return n.contains("cuda") || n.contains("cublas");
    }
}
