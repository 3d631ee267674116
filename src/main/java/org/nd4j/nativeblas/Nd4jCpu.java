package org.nd4j.nativeblas;

/**
 * A class-name shim for DL4J 1.0.0-M2.1's oneDNN layer helpers (switched on and reported by {@code lth.model.Engine#oneDnn()}).
 *
 * <p>{@code BaseMKLDNNHelper.mklDnnEnabled()} looks up {@code org.nd4j.nativeblas.Nd4jCpu$Environment}
 * by name, but nd4j-native M2.1 moved that class to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment}; the lookup fails and DL4J never
 * uses oneDNN. This class answers at the old name, forwarding to the real environment, and only when
 * the oneDNN natives were selected ({@code -Dorg.bytedeco.javacpp.platform.extension=-onednn}, as
 * {@code -Ponednn} sets): otherwise it says "no oneDNN" and DL4J keeps its own implementation.
 */
public final class Nd4jCpu {
    private Nd4jCpu() { }

    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() { }

        public static Environment getInstance() { return INSTANCE; }

        public boolean isUseMKLDNN() {
            if (!System.getProperty("org.bytedeco.javacpp.platform.extension", "").contains("onednn")) return false;
            try {
                Class<?> c = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Object env = c.getMethod("getInstance").invoke(null);
                for (String m : new String[]{"isUseONEDNN", "isUseMKLDNN"}) {
                    try {
                        return (Boolean) c.getMethod(m).invoke(env);
                    } catch (NoSuchMethodException ignored) {
                        // try the other name
                    }
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
            return false;
        }
    }
}
