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
 * The {@code state.bin} file of a {@link RunStore} entry: a {@link TrunkState} (masks and weights by
 * tensor, then all parameters) in big-endian fields, closed by a CRC-32 of everything before it.
 */
final class StateFile {
    private StateFile() { }

    private static final int MAGIC = 0x4C544832;   // "LTH2": masks, weights by tensor, all parameters

    static byte[] bytes(TrunkState s) throws IOException {
        CRC32 crc = new CRC32();
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(bytes, crc)))) {
            out.writeInt(MAGIC);
            out.writeInt(s.keep().size());
            for (String key : s.keep().keySet()) {
                out.writeUTF(key);
                writeFloats(out, s.keep().get(key));
                writeFloats(out, s.weights().get(key));
            }
            writeFloats(out, s.params());
            out.flush();
            out.writeLong(crc.getValue());
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a state file written by {@link #bytes}: the whole file at once, the checksum over all
     * but its last 8 bytes in one pass, then the big-endian fields (as DataOutputStream wrote them).
     */
    static TrunkState read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 16) throw new IOException(file + ": truncated state file (" + bytes.length + " bytes)");
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        Map<String, float[]> keep = new LinkedHashMap<>(), weights = new LinkedHashMap<>();
        float[] params;
        try {
            if (in.getInt() != MAGIC) throw new IOException(file + ": not a state file");
            int layers = in.getInt();
            if (layers < 0 || layers > 10_000) throw new IOException(file + ": implausible layer count " + layers);
            for (int i = 0; i < layers; i++) {
                String key = readUtf(in);
                keep.put(key, readFloats(in, bytes.length - 8));
                weights.put(key, readFloats(in, bytes.length - 8));
            }
            params = readFloats(in, bytes.length - 8);
            if (in.position() != bytes.length - 8) throw new IOException(file + ": unexpected bytes after the parameters");
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException(file + ": truncated or malformed state file (" + e + ")");
        }
        long stored = in.getLong();
        if (stored != crc.getValue()) throw new IOException(file + ": checksum mismatch");
        return new TrunkState(keep, weights, params);
    }

    /** DataOutputStream.writeUTF's format: an unsigned 16-bit length, then (modified) UTF-8. */
    private static String readUtf(ByteBuffer in) throws IOException {
        int len = Short.toUnsignedInt(in.getShort());
        byte[] b = new byte[len];
        in.get(b);
        try (var d = new DataInputStream(new java.io.ByteArrayInputStream(lengthPrefixed(b)))) {
            return d.readUTF();
        }
    }

    private static byte[] lengthPrefixed(byte[] b) {
        byte[] out = new byte[b.length + 2];
        out[0] = (byte) (b.length >>> 8);
        out[1] = (byte) b.length;
        System.arraycopy(b, 0, out, 2, b.length);
        return out;
    }

    private static float[] readFloats(ByteBuffer in, int end) throws IOException {
        int n = in.getInt();
        if (n < 0 || (long) n * 4 > end - in.position()) throw new IOException("implausible tensor length " + n);
        float[] a = new float[n];
        in.asFloatBuffer().get(a);
        in.position(in.position() + 4 * n);
        return a;
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float f : a) out.writeFloat(f);
    }
}
