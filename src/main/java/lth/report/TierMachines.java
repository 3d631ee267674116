package lth.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which kinds of CPU trained a tier claim's runs, by seed (a run is bit-reproducible on one kind only): read from
 * each run's {@code machine.txt}, which {@code scripts/tier-runs export} commits under {@code <tier>/runs/<config_hash>/}.
 */
final class TierMachines {
    private TierMachines() { }

    /** The first stored runs with a {@code machine.txt}: those before trained without one. */
    static final String RECORDED_SINCE = "2026-12-02";

    /** What trained every tier run before then, from the sessions' notes (README, "Two kinds of CPU"), not from a file. */
    static final String BEFORE = "AMD Zen 5";

    /**
     * "Intel Xeon Processor (AVX-512) seeds 5–12, not recorded (before 2026-12-02: AMD Zen 5) seeds 1–4", or empty
     * where the tier has no exported runs ({@code <tier>/runs} absent) to say it from.
     */
    static String of(Path tierDir, List<Map<String, String>> rows) {
        Path runs = tierDir.resolve("runs");
        if (!Files.isDirectory(runs)) return "";
        Map<String, SortedSet<Long>> seedsByKind = new TreeMap<>();
        for (var r : rows)
            seedsByKind.computeIfAbsent(kind(runs.resolve(r.get("config_hash").strip())), k -> new TreeSet<>())
                    .add(Long.parseLong(r.get("seed")));
        return seedsByKind.entrySet().stream().map(e -> e.getKey() + " seeds " + ranges(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** A run's kind of CPU: model name and widest vector extension, from its exported directory. */
    static String kind(Path run) {
        Path file = run.resolve("machine.txt");
        if (!Files.isDirectory(run)) return "run not exported";
        if (!Files.exists(file)) return "not recorded (before " + RECORDED_SINCE + ": " + BEFORE + ")";
        try {
            return label(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": unreadable", e);
        }
    }

    /** "GenuineIntel Intel(R) Xeon(R) Processor; avx avx2 avx512f fma; amd64, 2 processors" → "Intel Xeon Processor (AVX-512)". */
    static String label(String machine) {
        String[] parts = machine.split(";");
        String model = parts[0].strip().replaceFirst("^\\S+\\s+", "").replaceAll("\\((R|TM|tm)\\)", "").replaceAll("\\s+", " ").strip();
        List<String> isa = parts.length > 1 ? List.of(parts[1].strip().split("\\s+")) : List.of();
        String simd = isa.contains("avx512f") ? "AVX-512" : isa.contains("avx2") ? "AVX2" : isa.contains("avx") ? "AVX" : "no AVX";
        return (model.isEmpty() ? "unknown CPU" : model) + " (" + simd + ")";
    }

    /** [1, 2, 3, 4, 7, 9, 10] → "1–4, 7, 9–10". */
    static String ranges(SortedSet<Long> seeds) {
        StringBuilder sb = new StringBuilder();
        Long start = null, prev = null;
        for (long s : seeds) {
            if (prev != null && s == prev + 1) { prev = s; continue; }
            if (start != null) sb.append(sb.isEmpty() ? "" : ", ").append(start.equals(prev) ? start : start + "–" + prev);
            start = s;
            prev = s;
        }
        if (start != null) sb.append(sb.isEmpty() ? "" : ", ").append(start.equals(prev) ? start : start + "–" + prev);
        return sb.toString();
    }
}
