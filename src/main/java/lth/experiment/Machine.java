package lth.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The kind of machine that trains a run: CPU vendor, model and the vector extensions that decide which BLAS and
 * oneDNN kernels run (a run is bit-reproducible on one kind only). Written beside each stored run
 * ({@code machine.txt}) and in each report's provenance.
 */
public final class Machine {
    private static final Set<String> ISA = Set.of("avx512f", "avx512_vnni", "avx512_bf16", "amx_tile", "avx2", "fma", "avx");
    private static final String DESCRIPTION = read(Path.of("/proc/cpuinfo"));

    private Machine() { }

    /** e.g. "GenuineIntel Intel(R) Xeon(R) Processor; avx avx2 avx512_vnni avx512f fma; amd64, 2 processors". */
    public static String describe() { return DESCRIPTION; }

    /** The CPU model name alone ("unknown" where /proc/cpuinfo cannot be read). */
    public static String cpuModel() { return field(lines(Path.of("/proc/cpuinfo")), "model name"); }

    static String read(Path cpuinfo) {
        List<String> lines = lines(cpuinfo);
        String flags = field(lines, "flags");
        String isa = java.util.Arrays.stream(flags.split("\\s+")).filter(ISA::contains).sorted().distinct().collect(Collectors.joining(" "));
        return field(lines, "vendor_id") + " " + field(lines, "model name") + "; " + (isa.isEmpty() ? "no AVX" : isa) + "; "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " processors";
    }

    private static List<String> lines(Path cpuinfo) {
        try {
            return Files.readAllLines(cpuinfo, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();                                  // not Linux, or no access
        }
    }

    private static String field(List<String> lines, String name) {
        for (String line : lines)
            if (line.startsWith(name) && line.indexOf(':') > 0 && line.substring(0, line.indexOf(':')).trim().equals(name))
                return line.substring(line.indexOf(':') + 1).trim();
        return "unknown";
    }
}
