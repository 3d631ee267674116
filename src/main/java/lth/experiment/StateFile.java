package lth.experiment;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The {@code state.bin} file of a {@link RunStore} entry: a {@link TrunkState} in big-endian fields,
 * closed by a CRC-32 of everything before it. Written as "LTH3": per weight tensor its mask as bits and,
 * where the parameters hold the weights ({@link TensorSlice}, checked bit for bit before it is written),
 * only their place there, else the weights; then all parameters, their zeros as bits
 * ({@link StoredFloats}). Read: "LTH3", and "LTH2" of stores written before (masks, weights and
 * parameters as plain floats). Either way the reader gives back the bits that were written.
 */
final class StateFile {
    private StateFile() { }

    private static final int LTH2 = 0x4C544832, LTH3 = 0x4C544833;
    private static final byte WEIGHTS = 0, SLICE = 1;

    static byte[] bytes(TrunkState s) throws IOException {
        CRC32 crc = new CRC32();
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(bytes, crc), 1 << 16))) {
            out.writeInt(LTH3);
            out.writeInt(s.keep().size());
            for (String key : s.keep().keySet()) {
                out.writeUTF(key);
                StoredFloats.writeMask(out, key, s.keep().get(key));
                TensorSlice slice = s.slices().get(key);
                float[] w = s.weights().get(key);
                if (slice != null && slice.offset() + slice.size() <= s.params().length && sameBits(slice.gather(s.params()), w)) {
                    out.writeByte(SLICE);
                    out.writeLong(slice.offset());
                    out.writeByte(slice.order());
                    out.writeByte(slice.shape().length);
                    for (long d : slice.shape()) out.writeLong(d);
                } else {
                    out.writeByte(WEIGHTS);
                    StoredFloats.writeFloats(out, w);
                }
            }
            StoredFloats.writeFloats(out, s.params());
            out.flush();
            out.writeLong(crc.getValue());
        }
        return bytes.toByteArray();
    }

    private static boolean sameBits(float[] a, float[] b) {
        if (b == null || a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) return false;
        return true;
    }

    /**
     * Reads a state file written by {@link #bytes} (or an "LTH2" one): the whole file at once, the checksum
     * over all but its last 8 bytes in one pass, then the big-endian fields.
     */
    static TrunkState read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 16) throw new IOException(file + ": truncated state file (" + bytes.length + " bytes)");
        int end = bytes.length - 8;
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, end);
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        if (in.getLong(end) != crc.getValue()) throw new IOException(file + ": checksum mismatch (truncated or damaged state file)");
        try {
            int magic = in.getInt();
            if (magic != LTH2 && magic != LTH3) throw new IOException("not a state file");
            int layers = in.getInt();
            if (layers < 0 || layers > 10_000) throw new IOException("implausible layer count " + layers);
            TrunkState s = magic == LTH2 ? readLth2(in, layers, end) : readLth3(in, layers, end);
            if (in.position() != end) throw new IOException("unexpected bytes after the parameters");
            return s;
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException(file + ": truncated or malformed state file (" + e + ")", e);
        }
    }

    private static TrunkState readLth3(ByteBuffer in, int layers, int end) throws IOException {
        Map<String, float[]> keep = new LinkedHashMap<>(), weights = new LinkedHashMap<>();
        Map<String, TensorSlice> slices = new LinkedHashMap<>();
        for (int i = 0; i < layers; i++) {
            String key = readUtf(in);
            keep.put(key, StoredFloats.readMask(in, end));
            byte how = in.get();
            if (how == WEIGHTS) {
                weights.put(key, StoredFloats.readFloats(in, end));
            } else if (how == SLICE) {
                long offset = in.getLong();
                char order = (char) in.get();
                int rank = in.get();
                if (rank < 1 || rank > 8) throw new IOException("implausible rank " + rank + " of " + key);
                long[] shape = new long[rank];
                for (int d = 0; d < shape.length; d++) shape[d] = in.getLong();
                slices.put(key, new TensorSlice(offset, shape, order));
                weights.put(key, null);                          // gathered from the parameters below
            } else {
                throw new IOException("unknown weights field " + how + " of " + key);
            }
        }
        float[] params = StoredFloats.readFloats(in, end);
        for (var e : slices.entrySet()) weights.put(e.getKey(), e.getValue().gather(params));
        for (var e : keep.entrySet())
            if (e.getValue().length != weights.get(e.getKey()).length)
                throw new IOException(e.getKey() + ": mask of " + e.getValue().length + " for " + weights.get(e.getKey()).length + " weights");
        return new TrunkState(keep, weights, params, slices);
    }

    /** The format before masks as bits: per tensor its mask and weights as floats, then the parameters. */
    private static TrunkState readLth2(ByteBuffer in, int layers, int end) throws IOException {
        Map<String, float[]> keep = new LinkedHashMap<>(), weights = new LinkedHashMap<>();
        for (int i = 0; i < layers; i++) {
            String key = readUtf(in);
            keep.put(key, readPlainFloats(in, end));
            weights.put(key, readPlainFloats(in, end));
        }
        return new TrunkState(keep, weights, readPlainFloats(in, end));
    }

    /** DataOutputStream.writeUTF's format: an unsigned 16-bit length, then (modified) UTF-8. */
    private static String readUtf(ByteBuffer in) throws IOException {
        int len = Short.toUnsignedInt(in.getShort());
        byte[] b = new byte[len + 2];
        b[0] = (byte) (len >>> 8);
        b[1] = (byte) len;
        in.get(b, 2, len);
        try (var d = new DataInputStream(new java.io.ByteArrayInputStream(b))) {
            return d.readUTF();
        }
    }

    private static float[] readPlainFloats(ByteBuffer in, int end) throws IOException {
        int n = in.getInt();
        if (n < 0 || (long) n * 4 > end - in.position()) throw new IOException("implausible tensor length " + n);
        float[] a = new float[n];
        in.asFloatBuffer().get(a);
        in.position(in.position() + 4 * n);
        return a;
    }
}
