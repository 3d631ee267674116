package lth.model;

import java.util.Locale;

/** Which architecture to build: a registry name and a width multiplier (1.0 = the paper's widths). */
public record ModelSpec(String name, double width) {
    public ModelSpec {
        name = name.toLowerCase(Locale.ROOT);
        if (!(width > 0)) throw new IllegalArgumentException("model width must be > 0, got " + width);
    }

    public String canonical() { return width == 1.0 ? name : name + "@w" + width; }

    /**
     * The run-key part for the batch-norm arithmetic of networks that have it on the CPU backend
     * ({@link lth.kernel.FastBatchNorm}: not bit-identical to DL4J's helpers, which trained them before), empty
     * otherwise (no batch norm, or a GPU, where DL4J's cuDNN helper runs it).
     */
    public String batchNormKey() { return Architectures.hasBatchNorm(this) && Engine.cpu() ? ";bn=lth/1" : ""; }

    /**
     * The run-key part for the backward pass of 3×3 stride-1 convolutions computed as forward convolutions
     * ({@link lth.kernel.ForwardConvBackprop}: not bit-identical to DL4J's oneDNN helper), for the architectures
     * built with it ({@link ConvKernels#convBackwardByForward}) where that helper runs; or for oneDNN 2.5's direct
     * kernels ({@link lth.kernel.CachingConvolution.Dnnl}, its version named) for those built with them
     * ({@link ConvKernels#convByDnnl}); empty otherwise.
     */
    public String convKey() {
        if (!(Engine.cpu() && Engine.oneDnn())) return "";
        if (ConvKernels.convBackwardByForward(this)) return ";conv=lth/1";
        if (ConvKernels.convByDnnl(this)) return ";conv=dnnl-" + lth.kernel.CachingConvolution.dnnlVersion() + "/1";
        return "";
    }
}
