package lth.experiment;

import lth.train.Checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The mid-run checkpoints of a {@link RunStore}: {@code <store>/checkpoints/<hash>.bin}, one per run
 * being trained (or killed while training), beside the entries and never part of an entry or a run
 * key. A run's checkpoint is replaced as the run goes on and removed when the run is stored.
 */
public final class RunCheckpoints {
    private static final Logger LOG = Logger.getLogger(RunCheckpoints.class.getName());

    private final Path dir;

    RunCheckpoints(Path dir) { this.dir = dir; }

    /** Where a run's checkpoint is kept until the run is stored. */
    public Path file(RunSpec spec) { return dir.resolve(spec.hash() + ".bin"); }

    /**
     * The mid-run checkpoint of a run, if it has one. One that does not read back whole (truncated,
     * checksum) or belongs to another configuration is never resumed: it is set aside, with a warning
     * naming the file and why, and the run starts over.
     */
    public Optional<Checkpoint> get(RunSpec spec) {
        Path file = file(spec);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(CheckpointFile.read(file, spec.canonical()));
        } catch (IOException | RuntimeException e) {
            discard(spec, e.getMessage() == null ? e.toString() : e.getMessage());
            return Optional.empty();
        }
    }

    /** Where a checkpoint left its run: iterations done and the training seconds they took. */
    public record Position(int iteration, double seconds) { }

    /**
     * Where a run's checkpoint left it, read from the file's head only (no weights, no checksum: for
     * estimating the time the run has left, never for resuming); empty when there is none or it is not this run's.
     */
    public Optional<Position> position(RunSpec spec) {
        Path file = file(spec);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return CheckpointFile.head(file, spec.canonical()).map(h -> new Position((int) h[0], h[1]));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Keeps a run's checkpoint in place of its previous one: written to a temporary file, synced, renamed
     * over it, so a kill leaves the old checkpoint or the new one, whole. Returns the bytes written; a
     * failed write is a warning and -1 (training goes on; the previous checkpoint stays).
     */
    public long put(RunSpec spec, Checkpoint c) {
        Path file = file(spec);
        Path tmp = dir.resolve(".tmp-" + spec.hash() + "-" + java.util.UUID.randomUUID() + ".bin");
        try {
            Files.createDirectories(dir);
            CheckpointFile.write(tmp, spec.canonical(), c);
            long size = Files.size(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return size;
        } catch (IOException e) {
            tmp.toFile().delete();
            LOG.warning("run store: could not write checkpoint " + file + " of " + spec.describe() + " (" + e
                    + "); training goes on, from its previous checkpoint if killed");
            return -1;
        }
    }

    /** Removes a run's checkpoint (the run is stored, or was stored by another JVM). */
    public void delete(RunSpec spec) {
        if (!Files.exists(file(spec))) return;
        try {
            Files.deleteIfExists(file(spec));
        } catch (IOException e) {
            LOG.warning("run store: could not remove checkpoint " + file(spec) + " (" + e + ")");
        }
    }

    /** Sets a checkpoint aside ({@code checkpoints/.corrupt-<hash>-<nanos>.bin}) so that it is never resumed. */
    public void discard(RunSpec spec, String why) {
        Path file = file(spec);
        Path aside = file.resolveSibling(".corrupt-" + spec.hash() + "-" + System.nanoTime() + ".bin");
        LOG.warning("run store: checkpoint " + file + " of " + spec.describe() + " set aside to " + aside.getFileName()
                + "; the run starts over from its beginning: " + why);
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            file.toFile().delete();
        }
    }
}
