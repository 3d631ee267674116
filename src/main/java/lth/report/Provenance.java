package lth.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.nd4j.linalg.factory.Nd4j;

/**
 * What produced a run: the things that can change the bits of a result (JVM, CPU, native backend,
 * BLAS/OpenMP environment, code version, lth.* settings). Never throws: a missing piece reads
 * "unknown" or "unavailable: why".
 */
public record Provenance(Map<String, String> entries) {
    /** Environment variables known to change floating-point results or their order. */
    public static final List<String> ENV_VARS =
            List.of("OMP_NUM_THREADS", "OMP_DYNAMIC", "OMP_PROC_BIND", "OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE",
                    "OPENBLAS_L2_SIZE", "MKL_NUM_THREADS", "MKL_CBWR");

    /** The ND4J native library inside its platform jar: generic, or an -avx2 / -avx512 build. */
    static final String ND4J_LIB = "org/nd4j/linalg/cpu/nativecpu/bindings/%s/libnd4jcpu.so";

    public Provenance {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** Collects everything; initializes the ND4J native backend (takes seconds the first time). */
    public static Provenance collect() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        m.put("git.commit", git("rev-parse", "HEAD"));
        String status = git("status", "--porcelain", "--untracked-files=no");
        m.put("git.dirty", status.equals("unknown") ? "unknown" : String.valueOf(!status.isEmpty()));
        m.put("java.version", System.getProperty("java.version"));
        m.put("java.vendor", System.getProperty("java.vendor"));
        m.put("java.vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("cpu.model", cpuModel());
        m.put("cpu.kind", lth.experiment.Machine.describe());
        m.put("cpu.available.processors", String.valueOf(Runtime.getRuntime().availableProcessors()));
        m.put("jvm.max.memory.mib", String.valueOf(Runtime.getRuntime().maxMemory() >> 20));
        for (String v : ENV_VARS) {
            String value = System.getenv(v);
            m.put("env." + v, value == null ? "(unset)" : value);
        }
        m.put("dl4j.version", mavenVersion("org.deeplearning4j", "deeplearning4j-nn"));
        m.put("nd4j.version", mavenVersion("org.nd4j", "nd4j-api"));
        m.put("dnnl.version", mavenVersion("org.bytedeco", "dnnl"));      // oneDNN 2.5 of the Conv-4/6 kernels (lth.kernel.DnnlConv)
        m.putAll(nd4j());
        new TreeMap<>(System.getProperties()).forEach((k, v) -> {
            if (k.toString().startsWith("lth.")) {
                m.put(k.toString(), v.toString());
            }
        });
        return new Provenance(m);
    }

    /** "key = value" lines, in collection order. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        entries.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        return sb.toString();
    }

    static String cpuModel() { return lth.experiment.Machine.cpuModel(); }

    /** Version from the jar's Maven metadata; the manifests of these jars carry none. */
    static String mavenVersion(String groupId, String artifactId) {
        String res = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = Provenance.class.getClassLoader().getResourceAsStream(res)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Backend class and its environment (BLAS vendor, OpenMP threads, CPU features...). A missing
     * native library is reported in the value, not thrown: provenance must never fail a run.
     */
    static Map<String, String> nd4j() {
        Map<String, String> m = new LinkedHashMap<>();
        m.putAll(nativeBinary());
        try {
            m.put("nd4j.backend", Nd4j.getBackend().getClass().getName());
            m.put("engine", lth.model.Engine.id());
            m.put("nd4j.threads.max", String.valueOf(Nd4j.getEnvironment().maxThreads()));
            m.put("nd4j.threads.master", String.valueOf(Nd4j.getEnvironment().maxMasterThreads()));
            Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            new TreeMap<>(stringKeys(env)).forEach((k, v) -> m.put("nd4j.env." + k, v));
        } catch (LinkageError | RuntimeException e) {
            m.putIfAbsent("nd4j.backend", "unavailable: " + e);
        }
        return m;
    }

    /**
     * Which native binary the backend loads: JavaCPP picks {@code <platform><extension>}, where the
     * extension ({@code -Dorg.bytedeco.javacpp.platform.extension}, e.g. {@code -avx2}) selects an
     * AVX2 / AVX-512 build when that classifier jar is present; without one the generic x86-64 build
     * runs. Different builds may round differently, so the variant and the jar are recorded.
     */
    static Map<String, String> nativeBinary() {
        Map<String, String> m = new LinkedHashMap<>();
        String platform = System.getProperty("org.bytedeco.javacpp.platform",
                System.getProperty("javacpp.platform", osArch()));
        String ext = System.getProperty("org.bytedeco.javacpp.platform.extension", "");
        m.put("nd4j.native.platform", platform + ext);
        var url = Provenance.class.getClassLoader().getResource(ND4J_LIB.formatted(platform + ext));
        if (url == null && !ext.isEmpty())
            url = Provenance.class.getClassLoader().getResource(ND4J_LIB.formatted(platform));
        String where = url == null ? "not found on the classpath" : url.toString();
        int bang = where.indexOf("!/");
        if (bang > 0) where = where.substring(where.lastIndexOf('/', bang) + 1, bang);
        m.put("nd4j.native.binary", where);
        String variant = where.contains("avx512") ? "avx512" : where.contains("avx2") ? "avx2"
                : url == null ? "unknown" : "generic";
        m.put("nd4j.native.variant", variant);
        return m;
    }

    private static String osArch() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        String o = os.contains("linux") ? "linux" : os.contains("mac") ? "macosx" : os.contains("win") ? "windows" : os;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch.equals("aarch64") ? "arm64" : arch;
        return o + "-" + a;
    }

    private static Map<String, String> stringKeys(Map<?, ?> env) {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    /** Runs git in the working directory; "unknown" when git or the repository is absent. */
    static String git(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown";
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).trim() : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
