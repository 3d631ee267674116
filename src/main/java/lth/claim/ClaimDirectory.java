package lth.claim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.stream.Stream;

/**
 * The claim files of a directory, each loaded on its own, so that a malformed file errors only its own
 * claim: the others keep their specs. A bad file is filed under the id it states (when its {@code id:}
 * can still be read), else under its file name without {@code .yaml}; two files with one id are an
 * error of that id.
 */
public final class ClaimDirectory {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path dir;
    private final Map<String, ClaimSpec> claims = new TreeMap<>();
    private final Map<String, ClaimFileException> errors = new TreeMap<>();

    private ClaimDirectory(Path dir) { this.dir = dir; }

    public static ClaimDirectory scan(Path dir) {
        ClaimDirectory d = new ClaimDirectory(dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list claim files in " + dir.toAbsolutePath() + ": " + e, e);
        }
        for (Path f : files) {
            try {
                ClaimSpec c = DryRun.apply(ClaimFiles.load(f));      // as loaded, unless -Dlth.dryRun scales the nightly
                ClaimSpec twin = d.claims.get(c.id());
                if (twin != null)
                    d.errors.putIfAbsent(c.id(), new ClaimFileException(f, "id", "'" + c.id() + "' is also the id of "
                            + twin.file().getFileName()));
                else d.claims.put(c.id(), c);
            } catch (ClaimFileException e) {
                d.errors.putIfAbsent(statedId(f), e);
            }
        }
        d.errors.keySet().forEach(d.claims::remove);       // an id with a bad file has no trusted spec
        return d;
    }

    /** The id a file states, if its YAML still reads that far; else its name without {@code .yaml}. */
    static String statedId(Path f) {
        try {
            JsonNode id = YAML.readTree(f.toFile()).path("id");
            if (id.isTextual() && id.asText().matches("[A-Z]+-[0-9]+")) return id.asText();
        } catch (IOException | RuntimeException e) {
            // unreadable: fall back to the file name
        }
        String name = f.getFileName().toString();
        return name.substring(0, name.length() - ".yaml".length());
    }

    /** The claims whose files loaded, by id. */
    public Map<String, ClaimSpec> claims() { return Collections.unmodifiableMap(claims); }

    /** The error of each claim whose file did not load, by id. */
    public Map<String, ClaimFileException> errors() { return Collections.unmodifiableMap(errors); }

    /** Every id the directory names, loadable or not. */
    public Set<String> ids() {
        Set<String> ids = new TreeSet<>(claims.keySet());
        ids.addAll(errors.keySet());
        return ids;
    }

    /** Claim {@code id}; its file's own error when that file is malformed; an error naming the directory when absent. */
    public ClaimSpec get(String id) {
        ClaimFileException e = errors.get(id);
        if (e != null) throw e;
        ClaimSpec c = claims.get(id);
        if (c == null)
            throw new IllegalArgumentException("no claim file in " + dir.toAbsolutePath() + " has id " + id);
        return c;
    }

    /** Every claim, or the first error: for callers that need the whole set to be sound. */
    public Map<String, ClaimSpec> strict() {
        if (!errors.isEmpty()) throw errors.values().iterator().next();
        return claims();
    }
}
