package lth.kernel;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * Direct access to the (off-heap, CPU backend) memory of a dense float INDArray, for the fast
 * training step's BLAS calls and Java loops.
 *
 * <p>In ND4J M2.1 a view at a non-zero offset carries a buffer of its own whose address is already the
 * view's first element (it has an underlying buffer; the view's {@code offset()} is then informational),
 * while a view at offset 0 may share its original's buffer (no underlying buffer); so the first
 * element is {@code data().addressPointer()}, plus {@code offset()} only for a buffer that is an
 * original. {@code BuffersTest} checks row-range views (at 0 and further), views of views, DL4J's
 * parameter views and whole arrays.
 */
public final class Buffers {
    private Buffers() { }

    /**
     * Whether this JVM runs ND4J's CPU backend, whose buffers the Java loops and BLAS calls address
     * directly (every kernel asks before taking its fast path; the backend does not change within a JVM).
     */
    public static boolean cpu() { return CpuHolder.CPU; }

    private static final class CpuHolder {
        static final boolean CPU = Nd4j.getBackend().getClass().getSimpleName().equals("CpuBackend");
    }

    /** A pointer to {@code a}'s first element, spanning {@code a.length()} elements in buffer order. */
    public static FloatPointer pointer(INDArray a) {
        if (a.dataType() != DataType.FLOAT) throw new IllegalArgumentException("not float: " + a.dataType());
        DataBuffer d = a.data();
        long first = d.underlyingDataBuffer() == null ? a.offset() : 0, end = first + a.length();
        if (a.elementWiseStride() != 1 || end > d.length())
            throw new IllegalArgumentException("not a dense array: " + a.shapeInfoToString());
        return new FloatPointer(d.addressPointer()).capacity(end).limit(end).position(first);
    }

    /** The same memory as a FloatBuffer: index 0 is {@code a}'s first element in buffer order. */
    public static FloatBuffer of(INDArray a) {
        return pointer(a).asBuffer();
    }

    /** Whether {@code a} is laid out as a fresh c-order array of its shape: default strides, element stride 1. */
    public static boolean isDenseC(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) && a.elementWiseStride() == 1;
    }

    /** {@code a} itself where {@link #isDenseC}, else its c-order copy: what the kernels' loops and oneDNN calls address. */
    public static INDArray denseC(INDArray a) {
        return isDenseC(a) ? a : a.dup('c');
    }

    /** The same memory as an IntBuffer of the floats' bit patterns (for branch-free float kernels). */
    public static IntBuffer bits(INDArray a) {
        FloatPointer p = pointer(a);
        return new IntPointer(p).capacity(p.capacity()).limit(p.limit()).position(p.position()).asBuffer();
    }
}
