package lth.cli;

import lth.claim.ClaimDirectory;
import lth.claim.ClaimFiles;
import lth.claim.ClaimSpec;
import lth.claim.Setups;
import lth.experiment.Arm;
import lth.experiment.Experiment;
import lth.experiment.RunSpec;
import lth.experiment.RunStore;
import lth.experiment.Setup;
import lth.experiment.StoredRun;
import lth.model.ModelSpec;
import lth.model.Optimizer;
import lth.prune.Rates;
import lth.train.TinyData;
import lth.train.TrainConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line: argument parsing, the run a selection names, show on a tiny store, the plans. */
class LthTest {
    private final StringWriter out = new StringWriter(), err = new StringWriter();

    private int lth(String... args) {
        CommandLine cl = Lth.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private static RunSelection parse(String... args) {
        ShowCommand show = new ShowCommand();
        new CommandLine(show).parseArgs(args);
        return show.run;
    }

    @Test
    @DisplayName("arguments: defaults (quick, level 0, target/lth-store), required options, no command, unknown options")
    void parsing() {
        RunSelection s = parse("--claim", "LTH-3", "--arm", "reinit", "--level", "6", "--seed", "2");
        assertThat(s.claim).isEqualTo("LTH-3");
        assertThat(s.level).isEqualTo(6);
        assertThat(s.seed).isEqualTo(2L);
        assertThat(s.profile).isEqualTo("quick");
        assertThat(s.store).isEqualTo(Path.of("target/lth-store"));
        assertThat(parse("--claim", "LTH-3", "--arm", "dense", "--seed", "1").level).isZero();

        assertThat(lth("show", "--claim", "LTH-3", "--arm", "reinit")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--seed=S'").contains("Usage: lth show");
        assertThat(lth()).isEqualTo(2);
        assertThat(err.toString()).contains("name a command: claims, pieces, cost, run, show, export");
        assertThat(lth("run", "--claim", "LTH-3", "--arm", "ticket", "--seed", "x")).isEqualTo(2);
        assertThat(lth("claims", "--bogus")).isEqualTo(2);
        assertThat(lth("--help")).isZero();
        assertThat(out.toString()).contains("claims").contains("run").contains("show").contains("export");
    }

    @Test
    @DisplayName("a selection names the run the claim tests store: the comparison's setup, the trunk for the dense net")
    void selection() {
        ClaimSpec c = ClaimDirectory.scan(ClaimFiles.directory()).get("LTH-3");
        RunSpec reinit = parse("--claim", "LTH-3", "--arm", "reinit", "--level", "6", "--seed", "2").spec();
        assertThat(reinit).isEqualTo(Setups.spec(c, "quick", c.comparisons().get(0), false, 6, 2));
        RunSpec dense = parse("--claim", "LTH-3", "--arm", "dense", "--seed", "1").spec();
        assertThat(dense).isEqualTo(new RunSpec(Setups.of(c, "quick"), 1, Arm.TICKET, 0));

        // LTH-13: both sides are tickets (global a, layer-wise b): the selection must say which
        ClaimSpec g = ClaimDirectory.scan(ClaimFiles.directory()).get("LTH-13");
        assertThat(lth("show", "--claim", "LTH-13", "--arm", "ticket", "--level", "15", "--seed", "1", "--profile", "reduced")).isEqualTo(1);
        assertThat(err.toString()).contains("different setups; choose one:").contains("--comparison 1 --side a")
                .contains("--comparison 1 --side b");
        assertThat(parse("--claim", "LTH-13", "--arm", "ticket", "--level", "15", "--seed", "1", "--profile", "reduced",
                "--side", "b").spec()).isEqualTo(Setups.spec(g, "reduced", g.comparisons().get(0), false, 15, 1));
        assertThat(parse("--claim", "LTH-13", "--arm", "ticket", "--level", "15", "--seed", "1", "--profile", "reduced",
                "--side", "a").spec().setup().scope()).isEqualTo(lth.prune.Scope.GLOBAL);

        assertThat(lth("show", "--claim", "LTH-3", "--arm", "oneshot", "--level", "6", "--seed", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("LTH-3 runs no arm 'oneshot'").contains("its comparisons: 1 '");
        assertThat(lth("show", "--claim", "LTH-3", "--arm", "bogus", "--seed", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("unknown arm 'bogus'");
        assertThat(lth("show", "--claim", "NOPE-1", "--arm", "dense", "--seed", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("has id NOPE-1");
        assertThat(lth("show", "--claim", "LTH-3", "--arm", "reinit", "--level", "5", "--seed", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("level 5 is not a multiple of rounds_per_level 2");
        assertThat(lth("show", "--claim", "LTH-3", "--arm", "dense", "--seed", "1", "--profile", "reduced")).isEqualTo(1);
        assertThat(err.toString()).contains("LTH-3 has no reduced block");
    }

    @Test
    @DisplayName("show prints a stored run's metrics without training, and names the key of a run the store lacks")
    void showOnATinyStore(@TempDir Path dir) {
        // A tiny run (TinyData, 30 iterations) stored under the key of LTH-3's reinit at round 6, seed 1: show
        // reads the store by the selection's key and prints what it holds.
        Setup tiny = new Setup("tiny", new ModelSpec("lenet-300-100", 1.0), "tiny", Optimizer.adam(1.2e-3),
                new TrainConfig(30, 20, 10), new Rates(0, 0.2, 0.1), lth.prune.Scope.LAYERWISE, 2);
        StoredRun trained = new Experiment(TinyData.splits(), new RunStore(dir.resolve("scratch")), Executors.newFixedThreadPool(1))
                .stored(new RunSpec(tiny, 1, Arm.REINIT, 2));
        RunSpec key = parse("--claim", "LTH-3", "--arm", "reinit", "--level", "6", "--seed", "1").spec();
        Path store = dir.resolve("store");
        new RunStore(store).put(key, new StoredRun(key.canonical(), trained.metrics(), trained.keptPerLayer(), null));

        assertThat(lth("show", "--claim", "LTH-3", "--arm", "reinit", "--level", "6", "--seed", "1", "--store", store.toString(),
                "--evaluations")).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("LTH-3 · quick · reinit level 6, seed 1 (stored)").contains("key                 " + key.hash())
                .contains("early stop          iteration " + trained.metrics().esIteration() + " of 30")
                .contains("test accuracy       %.2f%% at early stop".formatted(trained.metrics().testAccuracyAtEs()));
        assertThat(text.lines().filter(l -> l.matches("\\s+(10|20|30)\\s+.*%.*"))).hasSize(3);

        assertThat(lth("show", "--claim", "LTH-3", "--arm", "reinit", "--level", "6", "--seed", "1", "--store", store.toString(),
                "--json")).isZero();
        assertThat(out.toString()).contains("\"key\" : \"" + key.hash() + "\"").contains("\"esIteration\"");

        RunSpec absent = parse("--claim", "LTH-3", "--arm", "reinit", "--level", "6", "--seed", "2").spec();
        assertThat(lth("show", "--claim", "LTH-3", "--arm", "reinit", "--level", "6", "--seed", "2", "--store", store.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("no run " + absent.hash() + " (LTH-3 · quick · reinit level 6, seed 2)")
                .contains("lth run");
        assertThat(lth("show", "--claim", "LTH-3", "--arm", "dense", "--seed", "1", "--store", dir.resolve("none").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("no run store at");
    }

    @Test
    @DisplayName("claims lists every claim; --profile prints each seed's two runs, the run count and an estimated cost")
    void claims() {
        assertThat(lth("claims")).isZero();
        assertThat(out.toString()).contains("LTH-3   lenet-300-100").contains("quick: mnist-10k, 3000 it., 9 seeds (101..109)")
                .contains("quick: mnist-10k, 1500 it., 20 seeds (101..120)")
                .contains("LTH-6").contains("quick: nightly only");
        assertThat(lth("claims", "--profile", "quick", "LTH-3", "LTH-6", "--store", "target/no-such-store")).as(err.toString()).isZero();
        String plan = out.toString();
        ClaimSpec c = ClaimDirectory.scan(ClaimFiles.directory()).get("LTH-3");
        RunSpec reinit = Setups.spec(c, "quick", c.comparisons().get(0), false, 6, 108);
        assertThat(plan).contains("seed 108  ticket level 6 [").contains("reinit level 6 [" + reinit.hash() + "]")
                .contains("runs: 45 needed").contains("estimated cost: 45 runs × ~7.8s")
                .contains("LTH-6  ").contains("quick: runs in the nightly profile only");
        assertThat(lth("claims", "--profile", "quik")).isEqualTo(1);
        assertThat(err.toString()).contains("--profile quik is not a profile");
    }
}
