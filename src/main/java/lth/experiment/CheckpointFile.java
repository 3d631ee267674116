package lth.experiment;

import lth.train.Checkpoint;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The file of a mid-run {@link Checkpoint}: the run's canonical configuration (so that a checkpoint is
 * never continued by another run), then the checkpoint's fields in big-endian order (masks as bits),
 * closed by a CRC-32 of everything before it. Any defect is an {@link IOException} naming the file.
 */
final class CheckpointFile {
    private CheckpointFile() { }

    private static final int MAGIC = 0x4C544331;   // "LTC1"

    /** Writes {@code c} of the run {@code canonical} to {@code file}, synced to disk before it returns. */
    static void write(Path file, String canonical, Checkpoint c) throws IOException {
        CRC32 crc = new CRC32();
        try (var fos = new FileOutputStream(file.toFile()); var buffered = new BufferedOutputStream(fos, 1 << 16)) {
            var out = new DataOutputStream(new CheckedOutputStream(buffered, crc));
            out.writeInt(MAGIC);
            byte[] spec = canonical.getBytes(StandardCharsets.UTF_8);
            out.writeInt(spec.length);
            out.write(spec);
            out.writeInt(c.iteration());
            out.writeDouble(c.seconds());
            writeFloats(out, c.params());
            writeFloats(out, c.updater());
            out.writeInt(c.random().length);
            for (long r : c.random()) out.writeLong(r);
            out.writeInt(c.keep().size());
            for (var e : c.keep().entrySet()) {
                byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeInt(key.length);
                out.write(key);
                out.writeInt(e.getValue().length);
                out.write(bits(e.getValue()));
            }
            out.writeInt(c.evals().size());
            for (double[] e : c.evals()) for (int i = 0; i < 4; i++) out.writeDouble(e[i]);
            out.writeInt(c.best());
            writeFloats(out, c.bestParams());
            out.flush();
            new DataOutputStream(buffered).writeLong(crc.getValue());
            buffered.flush();
            fos.getChannel().force(true);
        }
    }

    /** {iteration, seconds} from a checkpoint's head if it is one of the run {@code canonical}: unchecked, for estimates only. */
    static java.util.Optional<double[]> head(Path file, String canonical) throws IOException {
        try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) return java.util.Optional.empty();
            int n = in.readInt();
            if (n != canonical.getBytes(StandardCharsets.UTF_8).length) return java.util.Optional.empty();
            byte[] spec = in.readNBytes(n);
            if (!new String(spec, StandardCharsets.UTF_8).equals(canonical)) return java.util.Optional.empty();
            return java.util.Optional.of(new double[]{in.readInt(), in.readDouble()});
        } catch (java.io.EOFException e) {
            return java.util.Optional.empty();
        }
    }

    /** Reads a checkpoint of the run {@code canonical}; a truncated, damaged or foreign file is an IOException naming it. */
    static Checkpoint read(Path file, String canonical) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 16) throw new IOException(file + ": truncated checkpoint (" + bytes.length + " bytes)");
        int end = bytes.length - 8;
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, end);
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        if (in.getLong(end) != crc.getValue()) throw new IOException(file + ": checksum mismatch (truncated or damaged checkpoint)");
        try {
            if (in.getInt() != MAGIC) throw new IOException(file + ": not a checkpoint file");
            String spec = new String(take(in, in.getInt(), end), StandardCharsets.UTF_8);
            if (!spec.equals(canonical)) throw new IOException(file + ": a checkpoint of another configuration: " + spec);
            int iteration = in.getInt();
            double seconds = in.getDouble();
            float[] params = readFloats(in, end), updater = readFloats(in, end);
            long[] random = new long[count(in, end, 8)];
            for (int i = 0; i < random.length; i++) random[i] = in.getLong();
            Map<String, float[]> keep = new LinkedHashMap<>();
            for (int i = count(in, end, 1); i > 0; i--) {
                String key = new String(take(in, in.getInt(), end), StandardCharsets.UTF_8);
                int n = in.getInt();
                if (n < 0) throw new IOException(file + ": negative mask length");
                keep.put(key, unbits(take(in, (int) ((n + 7L) / 8), end), n));
            }
            List<double[]> evals = new ArrayList<>();
            for (int i = count(in, end, 32); i > 0; i--) evals.add(new double[]{in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble()});
            int best = in.getInt();
            float[] bestParams = readFloats(in, end);
            if (in.position() != end) throw new IOException(file + ": unexpected bytes after the checkpoint's fields");
            return new Checkpoint(iteration, seconds, params, updater, random, keep, evals, best, bestParams);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException(file + ": truncated or malformed checkpoint (" + e + ")", e);
        }
    }

    private static int count(ByteBuffer in, int end, int bytesEach) {
        int n = in.getInt();
        if (n < 0 || (long) n * bytesEach > end - in.position()) throw new IllegalArgumentException("implausible count " + n);
        return n;
    }

    private static byte[] take(ByteBuffer in, int n, int end) {
        if (n < 0 || n > end - in.position()) throw new IllegalArgumentException("implausible length " + n);
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    /** A float array or null (length -1), in bulk. */
    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a == null ? -1 : a.length);
        if (a == null) return;
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
        for (int from = 0; from < a.length; from += chunk.capacity() / 4) {
            int n = Math.min(chunk.capacity() / 4, a.length - from);
            chunk.clear();
            chunk.asFloatBuffer().put(a, from, n);
            out.write(chunk.array(), 0, 4 * n);
        }
    }

    private static float[] readFloats(ByteBuffer in, int end) {
        int n = in.getInt();
        if (n == -1) return null;
        if (n < 0 || (long) n * 4 > end - in.position()) throw new IllegalArgumentException("implausible array length " + n);
        float[] a = new float[n];
        in.asFloatBuffer().get(a);
        in.position(in.position() + 4 * n);
        return a;
    }

    private static byte[] bits(float[] keep) {
        byte[] b = new byte[(keep.length + 7) / 8];
        for (int i = 0; i < keep.length; i++) if (keep[i] != 0f) b[i >>> 3] |= (byte) (1 << (i & 7));
        return b;
    }

    private static float[] unbits(byte[] b, int n) {
        float[] keep = new float[n];
        for (int i = 0; i < n; i++) keep[i] = (b[i >>> 3] >>> (i & 7) & 1) == 1 ? 1f : 0f;
        return keep;
    }
}
