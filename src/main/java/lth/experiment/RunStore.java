package lth.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import lth.train.RunMetrics;

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.logging.Logger;

/**
 * Finished runs on disk, one directory per run named by the hash of its full configuration.
 * An entry is written into a temporary directory and renamed into place in one atomic step, so a
 * killed JVM leaves either a whole entry or none, and two JVMs writing the same run both end with
 * one valid entry. An entry that does not read back whole (or belongs to another configuration)
 * is moved aside and the run is trained again. Mid-run checkpoints of runs not finished yet are kept
 * beside the entries ({@link #checkpoints()}).
 */
public final class RunStore {
    private static final Logger LOG = Logger.getLogger(RunStore.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** The mid-run checkpoints of runs not finished yet, kept beside the entries (not in any entry or run key). */
    public RunCheckpoints checkpoints() { return new RunCheckpoints(root.resolve("checkpoints")); }

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

    /**
     * Whether the store holds an entry for {@code spec}, without reading its weights: for counting what is
     * done (a plan's progress). An entry that later does not read back whole is set aside by {@link #get}.
     */
    public boolean has(RunSpec spec) {
        Path dir = root.resolve(spec.hash());
        try {
            return Files.isRegularFile(dir.resolve("metrics.json")) && Files.readString(dir.resolve("spec.txt")).equals(spec.canonical());
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the store holds {@code spec} with its final weights (a run imported by {@code scripts/tier-runs} has none). */
    public boolean hasWeights(RunSpec spec) {
        return has(spec) && Files.isRegularFile(root.resolve(spec.hash()).resolve("state.bin"));
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
                    Files.exists(state) ? StateFile.read(state) : null));
        } catch (IOException | RuntimeException ex) {
            quarantine(dir, "it does not read back whole (" + (ex.getMessage() == null ? ex.toString() : ex.getMessage()) + ")");
            return Optional.empty();
        }
    }

    /** Replaces an entry (e.g. one imported without weights by the same run with them). */
    public void replace(RunSpec spec, StoredRun run) {
        deleteTree(root.resolve(spec.hash()));
        put(spec, run);
    }

    public void put(RunSpec spec, StoredRun run) {
        Path tmp = root.resolve(".tmp-" + spec.hash() + "-" + UUID.randomUUID());
        Path dir = root.resolve(spec.hash());
        try {
            Files.createDirectories(tmp);
            writer.write(tmp.resolve("spec.txt"), spec.canonical().getBytes(StandardCharsets.UTF_8));
            writer.write(tmp.resolve("metrics.json"), JSON.writeValueAsBytes(new Entry(run.metrics(), run.keptPerLayer())));
            if (run.state() != null) writer.write(tmp.resolve("state.bin"), StateFile.bytes(run.state()));
            writer.write(tmp.resolve("machine.txt"), (Machine.describe() + "\n").getBytes(StandardCharsets.UTF_8));   // what trained it
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
