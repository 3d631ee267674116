package lth.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import lth.train.RunMetrics;

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.logging.Logger;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
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

    private static TrunkState readState(Path file) throws IOException {
        CRC32 crc = new CRC32();
        Map<String, float[]> keep = new LinkedHashMap<>(), weights = new LinkedHashMap<>();
        float[] params;
        try (var in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(Files.newInputStream(file)), crc))) {
            if (in.readInt() != MAGIC) throw new IOException(file + ": not a state file");
            int layers = in.readInt();
            for (int i = 0; i < layers; i++) {
                String key = in.readUTF();
                keep.put(key, readFloats(in));
                weights.put(key, readFloats(in));
            }
            params = readFloats(in);
            long expected = crc.getValue();       // the checksum covers everything before it
            long stored = in.readLong();
            if (stored != expected) throw new IOException(file + ": checksum mismatch");
        }
        return new TrunkState(keep, weights, params);
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float f : a) out.writeFloat(f);
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 200_000_000) throw new IOException("implausible tensor length " + n);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = in.readFloat();
        return a;
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
