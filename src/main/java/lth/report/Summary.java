package lth.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/**
 * Turns Allure results (one or more allure-results folders, e.g. one per nightly shard) into the
 * reviewer's summary: one row per claim case with the paper's number next to ours.
 *
 * <pre>
 *   Summary [--markdown FILE] [--html FILE] [--environment DIR] [--front-page ALLURE_HOME]
 *           [--report-name FILE] [--note TEXT] [--tiers DIR] RESULTS_DIR...
 * </pre>
 *
 * --markdown writes reports/SUMMARY.md-style Markdown ({@link SummaryMarkdown}; the tier sections an
 * existing FILE holds are kept, at the end); --tiers DIR (reports/, which scripts/summary passes for reports/SUMMARY.md)
 * adds a column per tier committed under DIR (DIR/<tier>/, other than the run's profiles) to its "By claim" table:
 * the claim's verdicts there ({@link SummaryTiers}); --html a one-screen front page (claims.html) that links into
 * the Allure report next to it; --environment rewrites DIR/environment.properties with one "claim LTH-n"
 * line per claim first, so the overview's Environment widget answers "what reproduced, at which scale, on
 * which data" before the provenance lines ({@link SummaryHtml}); --front-page ALLURE_HOME puts verdicts by claim in
 * place of the overview's pass rate, each claim a link to its page (a plugin of the Allure commandline, and
 * DIR/executor.json linking to claims.html) and --report-name FILE writes the report's name for allure generate ({@link FrontPage}). The cases are read by
 * {@link SummaryResults}, from each case's {@value CaseResult#NAME} (titles, disclosures and the paper's effects
 * included: the claim files are not read; {@code --claims DIR} is still accepted and ignored). Only reads the results.
 */
public final class Summary {
    private Summary() { }

    public static void main(String[] args) throws IOException {
        Path markdown = null, html = null, environment = null, allureHome = null, name = null, tiers = null;
        String note = null;
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--claims" -> i++;                  // the case results carry what the claim files gave
                case "--markdown" -> markdown = Path.of(args[++i]);
                case "--html" -> html = Path.of(args[++i]);
                case "--environment" -> environment = Path.of(args[++i]);
                case "--note" -> note = args[++i];
                case "--tiers" -> tiers = Path.of(args[++i]);
                case "--front-page" -> allureHome = Path.of(args[++i]);
                case "--report-name" -> name = Path.of(args[++i]);
                default -> {
                    if (args[i].startsWith("--")) usage("unknown option " + args[i]);
                    dirs.add(Path.of(args[i]));
                }
            }
        }
        if (dirs.isEmpty()) usage("no results folder given");
        SummaryResults res = SummaryResults.read(dirs);
        if (res.rows.isEmpty() && res.calibration.isEmpty()) {
            System.err.println("summary: no claim results in " + dirs);
            System.exit(1);
        }
        if (markdown != null) {
            Set<String> profiles = new TreeSet<>();
            res.rows.forEach(r -> profiles.add(r.profile()));
            writeMarkdown(markdown, SummaryMarkdown.of(res, dirs, note, SummaryTiers.read(tiers, profiles)));
        }
        if (html != null) write(html, SummaryHtml.of(res));
        if (environment != null) SummaryHtml.writeEnvironment(environment, res);
        if (allureHome != null) FrontPage.writePlugin(allureHome, res);
        if (allureHome != null && environment != null) FrontPage.writeExecutor(environment, res);
        if (name != null) write(name, FrontPage.title(res));
        System.out.printf("summary: %d cases of %d claims%s from %s%n", res.rows.size(),
                res.rows.stream().map(SummaryRow::claim).distinct().count(),
                res.calibration.isEmpty() ? "" : " and the calibration claim", dirs);
    }

    /** Writes the summary, keeping the tier sections (BEGIN/END markers) the file already holds. */
    static void writeMarkdown(Path file, String generated) throws IOException {
        String previous = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        write(file, SummaryMarkdown.keepTiers(previous, generated));
    }

    private static void usage(String why) {
        System.err.println("summary: " + why + "\nusage: Summary [--markdown FILE] [--html FILE] "
                + "[--environment DIR] [--front-page ALLURE_HOME] [--report-name FILE] [--note TEXT] [--tiers DIR] RESULTS_DIR...");
        System.exit(2);
    }

    private static void write(Path file, String text) throws IOException {
        if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
