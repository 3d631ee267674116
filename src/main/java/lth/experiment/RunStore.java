package lth.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import lth.train.RunMetrics;

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.*;
import java.util.*;
import java.util.logging.Logger;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * Finished runs on disk, one directory per run named by the hash of its full configuration.
 * An entry is written into a temporary directory and renamed into place in one atomic step, so a
 * killed JVM leaves either a whole entry or none, and two JVMs writing the same run both end with
 * one valid entry. An entry that does not read back whole (or belongs to another configuration)
 * is moved aside and the run is trained again.
 */
public final class RunStore {
    private static final Logger LOG = Logger.getLogger(RunStore.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAGIC = 0x4C544832;   // "LTH2": masks, weights by tensor, all parameters

    /** Writes one file of an entry; tests replace it to simulate a full disk or an I/O error. */
    @FunctionalInterface
    interface FileWriter {
        void write(Path file, byte[] bytes) throws IOException;
    }

    private final Path root;
    private final FileWriter writer;

    public RunStore(Path root) {
        this(root, (file, bytes) -> Files.write(file, bytes));
    }

    RunStore(Path root, FileWriter writer) {
        this.root = root.toAbsolutePath();
        this.writer = writer;
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new StoreException("run store " + this.root + ": cannot create the directory (" + e
                    + "); choose another with -Dlth.store=DIR", e);
        }
        if (!Files.isWritable(this.root))
            throw new StoreException("run store " + this.root + ": directory is not writable; choose another with -Dlth.store=DIR", null);
    }

    /** The store named by {@code -Dlth.store}, default {@code target/lth-store}. */
    public static RunStore fromProperties() {
        String dir = System.getProperty("lth.store", "target/lth-store");
        if (dir.isBlank())
            throw new StoreException("-Dlth.store is empty; give the run store directory, e.g. -Dlth.store=target/lth-store", null);
        try {
            return new RunStore(Path.of(dir));
        } catch (InvalidPathException e) {
            throw new StoreException("-Dlth.store=" + dir + " is not a usable path (" + e.getMessage()
                    + "); give the run store directory, e.g. -Dlth.store=target/lth-store", e);
        }
    }

    public Path root() { return root; }

    /**
     * A result derived deterministically from stored runs (e.g. an interpolation curve between two of
     * them), kept under {@code derived/NAME} so that a warm rerun does not recompute it. The name must
     * identify everything the values depend on (the runs' hashes, which include the engine). A missing
     * or unreadable file is simply absent.
     */
    public Optional<double[]> getDerived(String name) {
        Path file = root.resolve("derived").resolve(checkName(name));
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            String[] lines = Files.readString(file).strip().split("\\R");
            double[] v = new double[lines.length];
            for (int i = 0; i < v.length; i++) v[i] = Double.parseDouble(lines[i]);
            return Optional.of(v);
        } catch (IOException | NumberFormatException e) {
            LOG.warning("run store: derived result " + file + " unreadable (" + e + "); recomputing it");
            return Optional.empty();
        }
    }

    /** Keeps a derived result (written to a temporary file and moved into place atomically). */
    public void putDerived(String name, double[] values) {
        Path dir = root.resolve("derived");
        try {
            Files.createDirectories(dir);
            StringBuilder sb = new StringBuilder();
            for (double x : values) sb.append(x).append('\n');          // Double.toString round-trips exactly
            Path tmp = Files.createTempFile(dir, ".tmp-", ".txt");
            Files.writeString(tmp, sb);
            Files.move(tmp, dir.resolve(checkName(name)), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warning("run store: could not keep derived result " + name + " (" + e + "); it will be recomputed next time");
        }
    }

    private static String checkName(String name) {
        if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith("."))
            throw new IllegalArgumentException("derived result name must be [A-Za-z0-9._-]+: " + name);
        return name;
    }

    public Optional<StoredRun> get(RunSpec spec) {
        Path dir = root.resolve(spec.hash());
        if (!Files.isDirectory(dir)) return Optional.empty();
        try {
            String canonical = Files.readString(dir.resolve("spec.txt"));
            if (!canonical.equals(spec.canonical())) {
                quarantine(dir, "it holds another configuration: " + canonical);
                return Optional.empty();
            }
            Entry e = JSON.readValue(dir.resolve("metrics.json").toFile(), Entry.class);
            Path state = dir.resolve("state.bin");
            return Optional.of(new StoredRun(canonical, e.metrics(), e.keptPerLayer(),
                    Files.exists(state) ? readState(state) : null));
        } catch (IOException | RuntimeException ex) {
            quarantine(dir, "it does not read back whole (" + (ex.getMessage() == null ? ex.toString() : ex.getMessage()) + ")");
            return Optional.empty();
        }
    }

    public void put(RunSpec spec, StoredRun run) {
        Path tmp = root.resolve(".tmp-" + spec.hash() + "-" + UUID.randomUUID());
        Path dir = root.resolve(spec.hash());
        try {
            Files.createDirectories(tmp);
            writer.write(tmp.resolve("spec.txt"), spec.canonical().getBytes(StandardCharsets.UTF_8));
            writer.write(tmp.resolve("metrics.json"), JSON.writeValueAsBytes(new Entry(run.metrics(), run.keptPerLayer())));
            if (run.state() != null) writer.write(tmp.resolve("state.bin"), stateBytes(run.state()));
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // Another JVM stored the same run first: keep theirs. Linux reports renaming onto a
                // non-empty directory as a plain FileSystemException ("Directory not empty"), not as
                // DirectoryNotEmptyException, so the test is whether the entry exists now.
                if (!Files.isDirectory(dir)) throw raced;
                deleteTree(tmp);
            }
        } catch (IOException e) {
            deleteTree(tmp);
            throw new StoreException("run store " + root + ": cannot write entry " + spec.hash() + " for "
                    + spec.describe() + " (" + e + "); is the disk full or read-only? Free space, or choose another store with -Dlth.store=DIR", e);
        }
    }

    record Entry(RunMetrics metrics, Map<String, Long> keptPerLayer) { }

    private static byte[] stateBytes(TrunkState s) throws IOException {
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
     * Reads a state file written by {@link #stateBytes}: the whole file at once, the checksum over all
     * but its last 8 bytes in one pass, then the big-endian fields (as DataOutputStream wrote them).
     */
    private static TrunkState readState(Path file) throws IOException {
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

    private void quarantine(Path dir, String why) {
        Path aside = root.resolve(".corrupt-" + dir.getFileName() + "-" + System.nanoTime());
        LOG.warning("run store entry " + dir + " set aside to " + aside.getFileName() + ": " + why);
        try {
            Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) return;
        try (var walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover temporary directory is never read
        }
    }
}
