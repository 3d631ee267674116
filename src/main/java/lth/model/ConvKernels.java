package lth.model;

import lth.kernel.CachingConvolution;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/**
 * Which convolution kernels each architecture's layers run on the CPU (with DL4J's oneDNN helper): DL4J's helper,
 * {@link lth.kernel.ForwardConvBackprop}'s backward pass, or oneDNN 2.5's direct kernels. Not bit-identical to each
 * other, so {@link ModelSpec#convKey()} names the choice in the run keys.
 */
public final class ConvKernels {
    private ConvKernels() { }

    /**
     * The architectures whose 3×3 stride-1 convolutions backpropagate through {@link lth.kernel.ForwardConvBackprop}
     * (with DL4J's oneDNN helper): ResNet-20, where it makes a reduced-tier step ~22% faster (4–16 channels,
     * batch 128: oneDNN's Winograd backward pass is slow there). Measured slower for Conv-6 at 1/4 width (16–64
     * channels, batch 60: +11%), so the Conv-N and VGG networks keep DL4J's backward pass (and the runs their
     * committed verdicts read keep their keys); {@link ModelSpec#convKey()} names the choice in every run key it affects.
     * {@code -Dlth.kernel.convByForward=false} turns it off (benchmarks: before/after in one run); the keys follow.
     */
    public static boolean convBackwardByForward(ModelSpec spec) {
        if ("false".equals(System.getProperty("lth.kernel.convByForward"))) return false;
        return switch (spec.name()) {
            case "resnet-20" -> true;
            default -> false;
        };
    }

    /**
     * The architectures whose stride-1 convolutions run, forward and backward, on oneDNN 2.5's direct kernels
     * ({@link CachingConvolution.Dnnl}, with DL4J's oneDNN helper): Conv-4, Conv-6 and the dropout Conv-N, whose
     * reduced-tier confirmatory runs came after it (Conv-6 1/4: the convolutions of a step ~35% less CPU than
     * through libnd4j's oneDNN 2.3 calls). Conv-2 (LTH-6), VGG and ResNet keep their kernels and the keys of the
     * runs their committed verdicts read. Only where the preset's native library loads; {@link ModelSpec#convKey()}
     * names the choice in every run key it affects. {@code -Dlth.kernel.dnnlConv=false} turns it off, {@code =all}
     * on for Conv-2 and VGG too (benchmarks: before/after in one run); the keys follow.
     */
    public static boolean convByDnnl(ModelSpec spec) {
        String choice = System.getProperty("lth.kernel.dnnlConv", "");
        if (choice.equals("false")) return false;
        return switch (spec.name()) {
            case "conv-4", "conv-6", "conv-2-dropout", "conv-4-dropout", "conv-6-dropout" -> CachingConvolution.dnnlAvailable();
            case "conv-2", "vgg-11", "vgg-16", "vgg-19" -> choice.equals("all") && CachingConvolution.dnnlAvailable();
            default -> false;
        };
    }

    /** A convolution layer of {@code spec}'s network: with the convolution kernels chosen for it (above). */
    public static CachingConvolution convolution(ModelSpec spec, ConvolutionLayer.Builder b) {
        if (convBackwardByForward(spec)) return new CachingConvolution.ByForward(b);
        if (convByDnnl(spec)) return new CachingConvolution.Dnnl(b);
        return new CachingConvolution(b);
    }
}
