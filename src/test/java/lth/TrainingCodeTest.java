package lth;

import lth.experiment.RunSpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.*;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stored run is reused only if the code that would train it now is the code that trained it. The run
 * key carries {@link RunSpec#ENGINE_VERSION}, bumped by hand; this test derives the rest: it fingerprints
 * every source file on the training path (code only: comments and whitespace stripped) and compares
 * them with {@code src/test/resources/training-code.txt}, pinned together with the engine version.
 * A change to the training path fails here until someone decides, in the commit, either to bump
 * {@code ENGINE_VERSION} (training may give other numbers: every stored run retrains) or to re-pin
 * after showing the change bit-identical (same metrics for a stored run retrained, or tests that
 * compare bits). Re-pin: {@code scripts/pin-training-code}.
 */
class TrainingCodeTest {
    /** Source roots whose code decides a run's numbers: data, model, kernels, pruning, training, the experiment. */
    static final List<String> TRAINING_PATH = List.of("src/main/java/lth/data", "src/main/java/lth/model",
            "src/main/java/lth/kernel", "src/main/java/lth/prune", "src/main/java/lth/train",
            "src/main/java/lth/experiment", "src/main/java/org/nd4j");
    static final Path PIN = Path.of("src/test/resources/training-code.txt");

    @Test
    @DisplayName("the training path's code is the code pinned with the engine version (else bump ENGINE_VERSION or re-pin)")
    void trainingPathIsPinned() throws IOException {
        Map<String, String> now = fingerprints();
        if (Boolean.getBoolean("lth.training-code.repin")) {
            Files.writeString(PIN, render(now));
            return;
        }
        assertThat(Files.exists(PIN)).as(PIN + " missing: run scripts/pin-training-code").isTrue();
        List<String> lines = Files.readAllLines(PIN);
        String engine = lines.stream().filter(l -> l.startsWith("engine ")).findFirst().orElse("engine ?").substring(7);
        Map<String, String> pinned = new TreeMap<>();
        for (String l : lines) if (!l.startsWith("#") && !l.startsWith("engine ") && !l.isBlank()) pinned.put(l.split(" ", 2)[1], l.split(" ", 2)[0]);
        List<String> changed = new ArrayList<>();
        for (String f : union(now.keySet(), pinned.keySet()))
            if (!Objects.equals(now.get(f), pinned.get(f)))
                changed.add(f + (now.get(f) == null ? " (removed)" : pinned.get(f) == null ? " (new)" : " (changed)"));
        assertThat(changed).as("""
                the training path changed since it was pinned with %s: %s.
                Stored runs were trained by the pinned code. Either bump RunSpec.ENGINE_VERSION (now %s) if training \
                can give other numbers (every stored run then retrains), or show the change bit-identical (a stored \
                run retrained with the same metrics, or tests comparing bits) and say so in the commit; then re-pin: \
                scripts/pin-training-code""".formatted(engine, changed, RunSpec.ENGINE_VERSION)).isEmpty();
        assertThat(engine).as("ENGINE_VERSION was bumped: re-pin (scripts/pin-training-code)").isEqualTo(RunSpec.ENGINE_VERSION);
    }

    static Map<String, String> fingerprints() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String root : TRAINING_PATH) {
            if (!Files.isDirectory(Path.of(root))) continue;
            try (Stream<Path> s = Files.walk(Path.of(root))) {
                for (Path p : s.filter(f -> f.toString().endsWith(".java")).sorted().toList())
                    out.put(p.toString().replace('\\', '/'), sha(code(Files.readString(p))));
            }
        }
        return out;
    }

    /**
     * The code of a Java source: block and line comments and the whitespace outside literals removed. String,
     * text-block and char literals are kept as written, so a "/*" or "//" inside one (a path like
     * {@code reports/reduced/*.pilot.csv}) does not hide the code after it, as a regular expression would.
     */
    static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0, n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') i++;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                while (end > 0 && escaped(source, end)) end = source.indexOf("\"\"\"", end + 1);
                int stop = end < 0 ? n : end + 3;
                out.append(source, i, stop);
                i = stop;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && (source.charAt(j) != c || escaped(source, j)) && source.charAt(j) != '\n') j++;
                int stop = Math.min(n, j + 1);
                out.append(source, i, stop);
                i = stop;
            } else {
                if (!Character.isWhitespace(c)) out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Whether the character at {@code at} is escaped: an odd number of backslashes before it. */
    private static boolean escaped(String s, int at) {
        int k = 0;
        while (at - 1 - k >= 0 && s.charAt(at - 1 - k) == '\\') k++;
        return k % 2 == 1;
    }

    static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String render(Map<String, String> now) {
        StringBuilder b = new StringBuilder("""
                # The training path's code (comments and whitespace stripped, SHA-256 prefix per file), pinned with
                # the engine version that trains with it. TrainingCodeTest fails when either changes; re-pin with
                # scripts/pin-training-code only after bumping RunSpec.ENGINE_VERSION or showing the change bit-identical.
                """);
        b.append("engine ").append(RunSpec.ENGINE_VERSION).append('\n');
        now.forEach((f, h) -> b.append(h).append(' ').append(f).append('\n'));
        return b.toString();
    }

    private static SortedSet<String> union(Set<String> a, Set<String> b) {
        SortedSet<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    @Test
    @DisplayName("the fingerprint ignores comments and layout, not code")
    void fingerprintIsCodeOnly() {
        String a = "/** doc */\nclass A { int x = 1; // one\n}";
        assertThat(sha(code(a))).isEqualTo(sha(code("class A {\n  int x = 1;\n}")));
        assertThat(sha(code(a))).isNotEqualTo(sha(code("class A { int x = 2; }")));
        // comment markers inside literals are text: the code after them still counts (a regular expression hid it)
        String path = "class A { String p = \"runs/*.csv\"; int x = 1; String q = \"*/\"; }";
        assertThat(code(path)).isNotEqualTo(code(path.replace("int x = 1", "int x = 2"))).contains("intx=1;");
        String url = "class A { String u = \"a//b\"; int y = 3; }";
        assertThat(code(url)).contains("\"a//b\"", "inty=3;");
        String quotes = "class A { char c = '\"'; String s = \"\\\" // \"; int z = 4; /* gone */ }";
        assertThat(code(quotes)).isEqualTo("classA{charc='\"';Strings=\"\\\" // \";intz=4;}");
        assertThat(code("class A { String t = \"\"\"\n  /* kept */\n  \"\"\"; int w = 5; }")).contains("/* kept */", "intw=5;");
    }
}
