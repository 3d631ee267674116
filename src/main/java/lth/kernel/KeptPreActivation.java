package lth.kernel;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * A layer's training pre-activation z, kept from the forward pass for the backward pass of the same
 * step, which DL4J M2.1 would otherwise recompute ({@link CachingConvolution}, {@link CachingDense}).
 * How it is kept depends on the activation: an identity's backprop never reads z, so nothing is
 * kept; {@link FastRelu} applies ReLU out of place, so z itself stays intact in the step's activation
 * workspace and is kept by reference; any other activation overwrites z in place, so a copy is kept
 * outside workspaces. Handed out once, and only for the input it was computed from.
 */
final class KeptPreActivation {
    /** Off: always recompute, as DL4J does (for the bit-identity tests). */
    static volatile boolean enabled = true;
    /** How many backward passes used a kept pre-activation (diagnostics, tests). */
    static final java.util.concurrent.atomic.AtomicLong USED = new java.util.concurrent.atomic.AtomicLong();

    private INDArray copy;          // the copy outside workspaces (other activations)
    private INDArray ref;           // z itself (FastRelu)
    private INDArray keptFor;       // the input z was computed from
    private boolean fresh;          // kept in this step and not used yet
    private DataType type;
    private long[] shape;
    private char order;

    /** Called after a training forward pass computed z from input (before the activation runs). */
    void keep(INDArray z, INDArray input, IActivation afn) {
        fresh = false;
        ref = null;
        if (!enabled) return;
        type = z.dataType();
        shape = z.shape();
        order = z.ordering();
        if (afn instanceof FastRelu) {
            ref = z;
        } else if (!(afn instanceof ActivationIdentity)) {
            if (copy == null || copy.dataType() != type || copy.ordering() != order || !Arrays.equals(copy.shape(), shape)) {
                try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    copy = Nd4j.createUninitialized(type, shape, order);
                }
            }
            copy.assign(z);
        }
        keptFor = input;
        fresh = true;
    }

    /** For the backward pass: z as kept, if it was computed from this input in this step; else null. */
    INDArray take(INDArray input, IActivation afn, LayerWorkspaceMgr mgr) {
        if (!fresh || keptFor != input) {
            fresh = false;
            return null;
        }
        fresh = false;
        USED.incrementAndGet();
        if (afn instanceof FastRelu) {
            INDArray z = ref;
            ref = null;
            return z;
        }
        INDArray z = mgr.createUninitialized(ArrayType.ACTIVATIONS, type, shape, order);
        if (!(afn instanceof ActivationIdentity)) z.assign(copy);      // identity's backprop never reads z
        return z;
    }

    /** Any other forward pass: whatever was kept is stale. */
    void drop() {
        fresh = false;
        ref = null;
    }
}
