package lth.model;

/**
 * One weight tensor of a network: DL4J's parameter key (e.g. {@code "0_W"}), its kind and shape.
 * Biases and batch-norm parameters are never listed: they are never pruned and not counted in Pm.
 */
public record PrunableParam(String key, LayerKind kind, long[] shape) {
    public long size() {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }
}
