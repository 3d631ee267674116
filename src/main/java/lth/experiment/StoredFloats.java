package lth.experiment;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;

/**
 * Float arrays and 0/1 masks as a {@link StateFile} keeps them, exactly (every bit of every float,
 * -0.0 and NaN payloads included). A mask is one bit per weight. A float array is written plain, or,
 * when that is smaller (a pruned network's parameters: every pruned weight is ±0), as a bit per
 * element saying "zero", a bit per zero saying "negative zero", then the other elements.
 */
final class StoredFloats {
    private StoredFloats() { }

    private static final byte PLAIN = 0, ZEROS_AS_BITS = 1;

    static void writeMask(DataOutputStream out, String key, float[] keep) throws IOException {
        BitSet bits = new BitSet(keep.length);
        for (int i = 0; i < keep.length; i++) {
            int b = Float.floatToRawIntBits(keep[i]);
            if (b == Float.floatToRawIntBits(1f)) bits.set(i);
            else if (b != 0) throw new IllegalArgumentException("mask of " + key + " holds " + keep[i] + " at " + i + ": a mask is 0 or 1");
        }
        out.writeInt(keep.length);
        writeBits(out, bits, keep.length);
    }

    static float[] readMask(ByteBuffer in, int end) throws IOException {
        int n = length(in, end, 1.0 / 8);
        BitSet bits = readBits(in, n, end);
        float[] keep = new float[n];
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) keep[i] = 1f;
        return keep;
    }

    static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        BitSet zero = new BitSet(a.length);
        for (int i = 0; i < a.length; i++) if (a[i] == 0f) zero.set(i);
        int zeros = zero.cardinality();
        out.writeInt(a.length);
        if (words(a.length) + words(zeros) + 4L * (a.length - zeros) >= 4L * a.length) {
            out.writeByte(PLAIN);
            writePlain(out, a, a.length, null);
            return;
        }
        out.writeByte(ZEROS_AS_BITS);
        writeBits(out, zero, a.length);
        BitSet negative = new BitSet(zeros);
        int j = 0;
        for (int i = zero.nextSetBit(0); i >= 0; i = zero.nextSetBit(i + 1), j++)
            if (Float.floatToRawIntBits(a[i]) != 0) negative.set(j);
        writeBits(out, negative, zeros);
        writePlain(out, a, a.length - zeros, zero);
    }

    static float[] readFloats(ByteBuffer in, int end) throws IOException {
        int n = length(in, end, 1.0 / 8);
        byte coding = in.get();
        float[] a = new float[n];
        if (coding == PLAIN) {
            readPlain(in, a, n, null, end);
            return a;
        }
        if (coding != ZEROS_AS_BITS) throw new IOException("unknown float coding " + coding);
        BitSet zero = readBits(in, n, end);
        int zeros = zero.cardinality();
        BitSet negative = readBits(in, zeros, end);
        int j = 0;
        for (int i = zero.nextSetBit(0); i >= 0; i = zero.nextSetBit(i + 1), j++) if (negative.get(j)) a[i] = -0f;
        readPlain(in, a, n - zeros, zero, end);
        return a;
    }

    /** Bytes of {@code n} bits as whole 64-bit words. */
    private static long words(int n) { return 8L * ((n + 63) / 64); }

    private static void writeBits(DataOutputStream out, BitSet bits, int n) throws IOException {
        long[] w = bits.toLongArray();                       // up to the last set bit: pad to n bits
        for (int i = 0; i < (n + 63) / 64; i++) out.writeLong(i < w.length ? w[i] : 0L);
    }

    private static BitSet readBits(ByteBuffer in, int n, int end) throws IOException {
        long[] w = new long[(n + 63) / 64];
        if (8L * w.length > end - in.position()) throw new IOException("truncated bits (" + n + ")");
        in.asLongBuffer().get(w);
        in.position(in.position() + 8 * w.length);
        BitSet bits = BitSet.valueOf(w);
        if (bits.length() > n) throw new IOException("bits set past the " + n + " elements");
        return bits;
    }

    /** The {@code count} elements not in {@code skip} (all when null), in bulk. */
    private static void writePlain(DataOutputStream out, float[] a, int count, BitSet skip) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
        int i = 0;
        for (int written = 0; written < count; ) {
            chunk.clear();
            while (chunk.hasRemaining() && written < count) {
                if (skip != null) i = skip.nextClearBit(i);
                chunk.putFloat(a[i++]);
                written++;
            }
            out.write(chunk.array(), 0, chunk.position());
        }
    }

    private static void readPlain(ByteBuffer in, float[] a, int count, BitSet skip, int end) throws IOException {
        if (4L * count > end - in.position()) throw new IOException("truncated floats (" + count + ")");
        if (skip == null) {
            in.asFloatBuffer().get(a, 0, count);
            in.position(in.position() + 4 * count);
            return;
        }
        for (int i = skip.nextClearBit(0), k = 0; k < count; i = skip.nextClearBit(i + 1), k++) a[i] = in.getFloat();
    }

    private static int length(ByteBuffer in, int end, double bytesEach) throws IOException {
        int n = in.getInt();
        if (n < 0 || n * bytesEach > end - in.position()) throw new IOException("implausible length " + n);
        return n;
    }
}
