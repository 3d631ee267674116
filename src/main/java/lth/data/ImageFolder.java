package lth.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One split of an ImageNet directory ({@code train/} or {@code val/}): class folders named by
 * WordNet id, each holding {@code *.JPEG} files. Only the file names are held (sorted, so an
 * example's index and label do not depend on the filesystem's listing order); images are decoded
 * when a batch asks for them ({@link ImageNetBatches}). Labels are the classes' positions in the
 * sorted list of wnids, as torchvision's {@code ImageFolder} numbers them.
 */
public final class ImageFolder {
    static final Pattern WNID = Pattern.compile("n\\d{8}");

    private final String name;
    private final Path dir;
    private final List<String> wnids;
    private final String[] files;     // "wnid/file.JPEG", grouped by class, sorted within
    private final int[] labels;

    private ImageFolder(String name, Path dir, List<String> wnids, String[] files, int[] labels) {
        this.name = name;
        this.dir = dir;
        this.wnids = List.copyOf(wnids);
        this.files = files;
        this.labels = labels;
    }

    /**
     * Lists {@code dir}, checking the layout: only class folders directly under it, only JPEG files
     * in them, none empty. Anything else is a {@link DataFormatException} naming the offending path.
     */
    static ImageFolder scan(String name, Path dir) {
        List<String> wnids = new ArrayList<>();
        for (Path entry : sorted(dir)) {
            String n = entry.getFileName().toString();
            if (!Files.isDirectory(entry))
                throw new DataFormatException(entry, "a file directly in " + name + "/, outside any class folder (ImageNet's "
                        + "layout is " + name + "/<wnid>/*.JPEG; the val images must be sorted into class folders)");
            if (!WNID.matcher(n).matches())
                throw new DataFormatException(entry, "not a class folder: expected a WordNet id such as n01440764");
            wnids.add(n);
        }
        List<String> files = new ArrayList<>();
        java.util.stream.IntStream.Builder labels = java.util.stream.IntStream.builder();
        for (int c = 0; c < wnids.size(); c++) {
            Path classDir = dir.resolve(wnids.get(c));
            int before = files.size();
            for (Path f : sorted(classDir)) {
                String n = f.getFileName().toString();
                if (!Files.isRegularFile(f))
                    throw new DataFormatException(f, "a folder inside the class folder " + name + "/" + wnids.get(c)
                            + "/, which must hold only *.JPEG files");
                if (!isJpegName(n))
                    throw new DataFormatException(f, "not a *.JPEG file, in the class folder " + name + "/" + wnids.get(c) + "/");
                files.add(wnids.get(c) + "/" + n);
                labels.add(c);
            }
            if (files.size() == before) throw new DataFormatException(classDir, "class folder without images");
        }
        return new ImageFolder(name, dir, wnids, files.toArray(String[]::new), labels.build().toArray());
    }

    static boolean isJpegName(String n) {
        String lower = n.toLowerCase(Locale.ROOT);
        return lower.endsWith(".jpeg") || lower.endsWith(".jpg");
    }

    private static List<Path> sorted(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) out.add(p);
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir, e);
        }
        out.sort(null);
        return out;
    }

    /** {@code train} or {@code val}. */
    public String name() { return name; }

    public Path dir() { return dir; }

    /** The class folders, sorted; a label is a position in this list. */
    public List<String> wnids() { return wnids; }

    public int size() { return files.length; }

    public int label(int index) { return labels[index]; }

    public Path file(int index) { return dir.resolve(files[index]); }

    /**
     * The examples {@code indices} (ascending) of this folder as a folder of their own named {@code name}
     * (the same classes and labels): a held-out part, or what is left for training.
     */
    ImageFolder part(String name, int[] indices) {
        String[] f = new String[indices.length];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            if (i > 0 && indices[i] <= indices[i - 1]) throw new IllegalArgumentException("indices must ascend");
            f[i] = files[indices[i]];
            l[i] = labels[indices[i]];
        }
        return new ImageFolder(name, dir, wnids, f, l);
    }

    /** Images per class, in label order. */
    public int[] classCounts() {
        int[] n = new int[wnids.size()];
        for (int l : labels) n[l]++;
        return n;
    }
}
