package lth.cli;

import lth.report.VerdictExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code lth export}: every verdict of a results directory (Allure results or the per-claim CSVs) as JSON and CSV. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export all verdicts of a results directory as JSON and CSV.",
                "RESULTS_DIR: an Allure results folder (target/allure-results) or the claims' CSVs (target/lth-results[/PROFILE]).",
                "Without --json and --csv the CSV goes to standard output."})
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS_DIR")
    Path results;

    @Option(names = "--json", paramLabel = "FILE", description = "write the claims' verdicts and every case as JSON")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "write one row per case as CSV")
    Path csv;

    @Override
    public Integer call() throws Exception {
        VerdictExport.Export e = VerdictExport.read(results);
        PrintWriter out = spec.commandLine().getOut();
        if (json == null && csv == null) {
            out.print(VerdictExport.csv(e));
            out.flush();
            return 0;
        }
        if (json != null) write(json, VerdictExport.json(e));
        if (csv != null) write(csv, VerdictExport.csv(e));
        out.printf("export: %d cases of %d claims from %s (%s)%s%s%n", e.cases().size(), e.claims().size(), results, e.format(),
                json == null ? "" : " -> " + json, csv == null ? "" : " -> " + csv);
        e.claims().forEach((claim, verdict) -> out.printf("  %-7s %s%n", claim, verdict));
        out.flush();
        return 0;
    }

    private static void write(Path file, String text) throws java.io.IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
