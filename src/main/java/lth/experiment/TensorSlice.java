package lth.experiment;

import java.util.Arrays;

/**
 * Where one weight tensor lies in a network's flat parameter vector: {@code size()} elements from
 * {@code offset}, laid out in {@code order} ('c': last dimension fastest; 'f': first dimension fastest, as
 * DL4J keeps dense weights). A store entry keeps this instead of a second copy of the weights, and
 * {@link #gather} copies the tensor back out of the parameters in C order (no arithmetic: the same bits).
 */
public record TensorSlice(long offset, long[] shape, char order) {
    public TensorSlice {
        if (order != 'c' && order != 'f') throw new IllegalArgumentException("tensor order must be 'c' or 'f', got '" + order + "'");
        if (offset < 0) throw new IllegalArgumentException("negative tensor offset " + offset);
        if (shape.length == 0 || shape.length > 8) throw new IllegalArgumentException("implausible tensor rank " + shape.length);
        long n = 1;
        for (long s : shape) {
            if (s < 1 || s > Integer.MAX_VALUE) throw new IllegalArgumentException("implausible tensor shape " + Arrays.toString(shape));
            n *= s;
            if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " too large");
        }
        shape = shape.clone();
    }

    public long size() {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    /** The tensor's elements in C order, copied out of {@code params}. */
    public float[] gather(float[] params) {
        int n = (int) size();
        if (offset + n > params.length)
            throw new IllegalArgumentException("tensor of " + n + " at offset " + offset + " ends past the " + params.length + " parameters");
        float[] out = new float[n];
        if (order == 'c' || shape.length == 1) {
            System.arraycopy(params, (int) offset, out, 0, n);
            return out;
        }
        // 'f': element (i0, ..., id) lies at offset + Σ i_k·stride_k, stride_0 = 1, stride_k = stride_(k-1)·shape_(k-1).
        // Walk the C-order indices (last fastest) like an odometer, moving the F-order position along.
        int d = shape.length;
        long[] stride = new long[d], index = new long[d];
        stride[0] = 1;
        for (int k = 1; k < d; k++) stride[k] = stride[k - 1] * shape[k - 1];
        long pos = offset;
        for (int i = 0; i < n; i++) {
            out[i] = params[(int) pos];
            for (int k = d - 1; k >= 0; k--) {
                pos += stride[k];
                if (++index[k] < shape[k]) break;
                pos -= stride[k] * shape[k];
                index[k] = 0;
            }
        }
        return out;
    }
}
