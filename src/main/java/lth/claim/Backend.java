package lth.claim;

import org.nd4j.linalg.factory.Nd4j;

/** Which ND4J backend this JVM runs on (CPU or CUDA), for claims that need a GPU. */
public final class Backend {
    private Backend() { }

    public static String name() { return Nd4j.getBackend().getClass().getSimpleName(); }

    public static boolean isGpu() { return name().toLowerCase().contains("cuda"); }
}
