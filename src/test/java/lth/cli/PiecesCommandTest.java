package lth.cli;

import lth.claim.ClaimDirectory;
import lth.claim.ClaimFiles;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lth pieces}: what is left of a tier, in time-boxed seed groups, pilot first, design before confirmatory runs. */
class PiecesCommandTest {
    private final StringWriter out = new StringWriter();

    private String pieces(String... args) {
        CommandLine cl = Lth.commandLine();
        cl.setOut(new PrintWriter(out));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute(args)).as("%s", err).isZero();
        return out.toString();
    }

    @Test
    @DisplayName("a claim without committed pilot results gets its pilot piece; with them, its seeds in groups that fit the box, then 'all'")
    void pilotThenConfirmatory(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("store"), reports = dir.resolve("reports");
        Files.createDirectories(reports.resolve("reduced"));
        String base = "pieces --profile=reduced --store=" + store + " --reports=" + reports + " --claims=" + ClaimFiles.directory();
        String pilot = pieces((base + " LTH-8 LTH-1").split(" "));
        assertThat(pilot).contains("# LTH-1: not at this tier").containsPattern("LTH-8 +pilot +9 runs");
        assertThat(pilot).doesNotContain("LTH-8    1-");

        Files.writeString(reports.resolve("reduced/LTH-8.pilot.csv"), "claim\n");
        out.getBuffer().setLength(0);
        List<String> lines = pieces((base + " LTH-8").split(" ")).lines().filter(l -> !l.startsWith("#")).toList();
        // 15 seeds, 3 runs each at ~690 s (the measured conv-6 step): 3 seeds on 2 workers ~52 min, 4 would be 69
        assertThat(lines).extracting(l -> l.split(" +")[1]).containsExactly("1-3", "4-6", "7-9", "10-12", "13-15", "all");
        assertThat(lines.get(0)).containsPattern("9 runs +~51m45s");
        assertThat(out.toString()).as("its progress, trunk levels included").contains("# LTH-8: 45 of its 45 confirmatory runs left to train");

        out.getBuffer().setLength(0);
        lines = pieces((base + " --minutes=30 LTH-8").split(" ")).lines().filter(l -> !l.startsWith("#")).toList();
        assertThat(lines.get(0)).as("a seed alone exceeds 30 min; a second one on the other worker does not lengthen it")
                .containsPattern("^LTH-8 +1-2 +6 runs");
    }

    @Test
    @DisplayName("the estimate prefers the claim's runs measured on this kind of CPU (median, two or more) to the step-time table")
    void measuredOnThisMachine(@TempDir Path dir) throws Exception {
        Path store = Files.createDirectories(dir.resolve("store"));
        Files.createDirectories(dir.resolve("reduced"));
        Files.writeString(dir.resolve("reduced/LTH-8.pilot.csv"), "claim\n");
        PiecesCommand cmd = new PiecesCommand();
        new CommandLine(cmd).parseArgs("--reports=" + dir, "--store=" + store);
        cmd.machine = "AuthenticAMD AMD EPYC; avx avx2 fma; amd64, 2 processors";
        var c = ClaimDirectory.scan(ClaimFiles.directory()).get("LTH-8");
        double table = cmd.perRun(c);
        assertThat(table).as("the table's conv-6 row: 0.069 s an iteration × 10000").isCloseTo(690, org.assertj.core.data.Offset.offset(1e-6));
        var plan = lth.claim.ClaimPlan.of(lth.claim.ProfileClaim.of(c, "reduced"), List.of(1L, 2L)).runs();
        int i = 0;
        for (var r : plan.subList(0, 4)) {
            Path run = Files.createDirectories(store.resolve(r.hash()));
            Files.writeString(run.resolve("spec.txt"), r.canonical());
            Files.writeString(run.resolve("metrics.json"), "{\"metrics\":{\"seconds\":" + (i == 3 ? 9000 : 300 + 100 * i) + "}}");
            Files.writeString(run.resolve("machine.txt"), (i == 3 ? "GenuineIntel Intel(R) Xeon(R) Processor; avx512f" : cmd.machine) + "\n");
            i++;
            if (i == 1) assertThat(cmd.perRun(c)).as("one run on this CPU says little: still the table").isEqualTo(table);
        }
        assertThat(cmd.perRun(c)).as("300, 400, 500 here; the 9000 s run was another CPU's").isEqualTo(400);
        assertThat(cmd.notes(c, runs -> 1)).singleElement().asString().endsWith("; ~6m40s a run (median of 3 of its runs stored from this CPU)");
    }

    @Test
    @DisplayName("seeds whose runs are all stored split the groups and are left out; 'all' follows whenever something was trained")
    void storedSeedsAreSkipped(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("reduced"));
        Files.writeString(dir.resolve("reduced/LTH-8.pilot.csv"), "claim\n");
        PiecesCommand cmd = new PiecesCommand();
        new CommandLine(cmd).parseArgs("--reports=" + dir, "--minutes=60");
        var c = ClaimDirectory.scan(ClaimFiles.directory()).get("LTH-8");
        var got = cmd.pieces(c, runs -> (int) runs.stream().filter(r -> r.seed() != 2 && r.seed() > 0 && r.seed() < 14).count());
        assertThat(got).extracting(PiecesCommand.Piece::seeds).containsExactly("1", "3-5", "6-8", "9-11", "12-13", "all");
        assertThat(cmd.pieces(c, runs -> 0)).as("nothing to train, results not committed: the verdicts piece")
                .extracting(PiecesCommand.Piece::seeds).containsExactly("all");
        Files.writeString(dir.resolve("reduced/LTH-8.csv"), "claim\n");
        assertThat(cmd.pieces(c, runs -> 0)).as("nothing left").isEmpty();
    }
}
