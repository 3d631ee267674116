package lth.kernel;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Keeps a convolutional stack's activations in oneDNN's blocked layout ({@link DnnlLib#blockedTag()}, e.g. nChw16c)
 * from one {@link DnnlConvHelper} or {@link DnnlPool} layer to the next, instead of reordering every tensor to plain
 * NCHW and back at every layer boundary (about 12% of a Conv-6 step), and runs their max pooling on that layout
 * (oneDNN's jit kernels, not per-element loops over NCHW). The arrays keep their NCHW shapes (a blocked tensor whose
 * channels are a multiple of the block has as many elements); what lies between two blocked layers is elementwise
 * (the activation function and its derivative), so nothing else reads the order. The last pooling before the dense
 * layers writes plain NCHW. Computes the same function with the same kernels: the parameters train to the same bits
 * ({@code BlockedLayoutTest}), so run keys do not change.
 */
public final class BlockedLayout {
    private BlockedLayout() { }

    /** Off ({@code -Dlth.kernel.blocked=false}, tests): every boundary plain NCHW, as before. */
    static boolean enabled() { return !"false".equals(System.getProperty("lth.kernel.blocked")); }

    /**
     * Marks every boundary between two consecutive layers of {@code net} that can stay blocked: the producer is a
     * convolution on {@link DnnlConvHelper} or a pooling whose input is blocked, the consumer a supported convolution
     * or 2×2/2 max pooling, no preprocessor between them, channels a multiple of the block. Flags on these layer
     * objects only (configurations and clones do not carry them: a clone computes plain, as correct). Returns the
     * number of blocked boundaries.
     */
    public static int chain(MultiLayerNetwork net) {
        int block = DnnlLib.blockSize();
        if (!enabled() || block == 0 || !Buffers.cpu()) return 0;
        int chained = 0;
        long channels = -1;
        for (int i = 0; i + 1 < net.getnLayers(); i++) {
            Layer a = net.getLayer(i), b = net.getLayer(i + 1);
            if (a.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer cl) channels = cl.getNOut();
            boolean producer = conv(a) != null || pool(a) != null && pool(a).blockedIn;
            boolean consumer = conv(b) != null || pool(b) != null;
            if (!producer || !consumer || channels % block != 0 || net.getLayerWiseConfigurations().getInputPreProcess(i + 1) != null)
                continue;
            if (conv(a) != null) conv(a).blockedOut = true;
            else pool(a).blockedOut = true;
            if (conv(b) != null) conv(b).blockedIn = true;
            else pool(b).blockedIn = true;
            chained++;
        }
        return chained;
    }

    /** The layer's {@link DnnlConvHelper} where it is a supported convolution (stride 1, odd square kernel, no dilation). */
    private static DnnlConvHelper conv(Layer l) {
        if (!(l instanceof CachingConvolution.Impl impl) || !(impl.helper() instanceof DnnlConvHelper h)) return null;
        var c = (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) l.conf().getLayer();
        int[] k = c.getKernelSize(), s = c.getStride(), d = c.getDilation(), p = c.getPadding();
        boolean ok = k[0] == k[1] && k[0] % 2 == 1 && s[0] == 1 && s[1] == 1 && d[0] == 1 && d[1] == 1
                && (c.getConvolutionMode() == ConvolutionMode.Same || p[0] == p[1]);
        return ok ? h : null;
    }

    /** The layer's {@link MaxPoolKernels} where it is a 2×2/2 max pooling they run. */
    private static MaxPoolKernels pool(Layer l) {
        if (!(l instanceof FastMaxPooling.Impl impl) || !(impl.getHelper() instanceof MaxPoolKernels k) || !MaxPoolKernels.enabled) return null;
        var c = (org.deeplearning4j.nn.conf.layers.SubsamplingLayer) l.conf().getLayer();
        int[] k2 = c.getKernelSize(), s = c.getStride(), d = c.getDilation(), p = c.getPadding();
        boolean ok = c.getPoolingType() == PoolingType.MAX && k2[0] == 2 && k2[1] == 2 && s[0] == 2 && s[1] == 2
                && (d == null || d[0] == 1 && d[1] == 1) && (c.getConvolutionMode() == ConvolutionMode.Same || p[0] == 0 && p[1] == 0);
        return ok ? k : null;
    }

    /**
     * Runs a blocked-layout step; a failure is an {@link Error}, not an exception: DL4J's layers catch a helper's
     * exceptions and fall back to their own code, which would read the blocked arrays as NCHW.
     */
    static void run(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            throw new Misread("oneDNN on the blocked layout failed", e);
        }
    }

    /** A blocked-layout layer met what only plain NCHW code could run: never fall back silently. */
    static final class Misread extends Error {
        Misread(String what) {
            super("a blocked-layout activation reached code that reads NCHW: " + what + " (-Dlth.kernel.blocked=false turns the layout off)");
        }

        Misread(String what, Throwable cause) {
            super(what, cause);
        }
    }
}
