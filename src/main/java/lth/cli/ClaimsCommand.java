package lth.cli;

import lth.claim.ClaimDirectory;
import lth.claim.ClaimFiles;
import lth.claim.ClaimPlan;
import lth.claim.ClaimSpec;
import lth.claim.ProfileClaim;
import lth.claim.Side;
import lth.experiment.Experiment;
import lth.experiment.RunGraph;
import lth.experiment.RunSpec;
import lth.experiment.RunStore;
import lth.experiment.Setup;
import lth.experiment.StepTimes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.Callable;

/**
 * {@code lth claims}: the claims, and with {@code --profile} each claim's plan (per comparison, level and
 * seed the two runs it compares, with their keys), how many distinct runs that is, how many the store
 * already holds, and an estimated cost from the measured step times ({@link StepTimes}).
 */
@Command(name = "claims", mixinStandardHelpOptions = true,
        description = "List the claims; with --profile, each claim's plan of runs and its estimated cost.")
public final class ClaimsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "only these claims")
    List<String> ids = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "P", description = "quick, reduced or nightly: print the plans at this scale")
    String profile;

    @Option(names = "--store", defaultValue = "target/lth-store", paramLabel = "DIR",
            description = "run store whose runs count as done (default: target/lth-store; not created)")
    Path store;

    @Option(names = "--workers", defaultValue = "2", paramLabel = "N", description = "workers for the wall-time estimate (default: 2)")
    int workers;

    @Option(names = "--claims", defaultValue = "claims", paramLabel = "DIR", description = "claim files (default: claims)")
    Path claims;

    @Override
    public Integer call() {
        if (profile != null && !ClaimFiles.PROFILES.contains(profile))
            throw new IllegalArgumentException("--profile " + profile + " is not a profile; use one of " + ClaimFiles.PROFILES);
        ClaimDirectory dir = ClaimDirectory.scan(claims);
        List<String> selected = ids.isEmpty() ? new ArrayList<>(dir.ids()) : ids;
        selected.sort(lth.report.SummaryRow.BY_ID);
        PrintWriter out = spec.commandLine().getOut();
        Experiment known = profile != null && Files.isDirectory(store) ? new Experiment(null, new RunStore(store), Runnable::run) : null;
        for (String id : selected) {
            if (dir.errors().containsKey(id)) { out.printf("%-7s ERROR %s%n", id, dir.errors().get(id).getMessage()); continue; }
            ClaimSpec c = dir.get(id);
            if (profile == null) out.printf("%-7s %-14s %s%n        %s%n", id, c.setup().model(), c.title(), scales(c));
            else plan(out, c, known);
        }
        out.flush();
        return 0;
    }

    /** "quick: nightly only · reduced: fashion-mnist, 1000 it. · nightly: cifar10, 112480 it." */
    static String scales(ClaimSpec c) {
        List<String> parts = new ArrayList<>();
        for (String p : ClaimFiles.PROFILES) {
            ClaimSpec.ProfileSpec s = c.profiles().get(p);
            parts.add(p + ": " + (s == null ? "—" : s.nightlyOnly() != null ? "nightly only"
                    : s.dataset() + ", " + s.iterations() + " it., " + s.seeds() + " seeds" + (s.firstSeed() == 1 ? "" : " (" + s.confirmatoryRange() + ")") + (s.width() == 1.0 ? "" : ", width " + s.width())));
        }
        return String.join(" · ", parts);
    }

    private void plan(PrintWriter out, ClaimSpec file, Experiment known) {
        ClaimSpec c = file.forProfile(profile);
        out.printf("%s  %s%n", c.id(), c.title());
        ClaimSpec.ProfileSpec p = c.profiles().get(profile);
        if (p == null) { out.printf("  no %s block in %s%n%n", profile, c.file().getFileName()); return; }
        if (p.nightlyOnly() != null) {
            out.printf("  %s: runs in the nightly profile only: %s%n%n", profile, p.nightlyOnly().strip().lines().findFirst().orElse(""));
            return;
        }
        ClaimPlan plan = ClaimPlan.of(ProfileClaim.of(file, profile));
        ProfileClaim claim = plan.claim();
        Setup setup = claim.setup();
        List<Long> seeds = plan.seeds();
        out.printf("  %s: %s at width %s, %s, %d iterations, batch %d, %s, seeds %s, rounds_per_level %d%n", profile,
                setup.model().name(), setup.model().width(), p.dataset(), p.iterations(), setup.train().batch(),
                setup.optimizer().canonical(), seeds, p.roundsPerLevel());
        for (int ci = 0; ci < claim.comparisons().size(); ci++) {
            ClaimSpec.Comparison cmp = claim.comparison(ci);
            List<Long> own = plan.seeds(ci);
            out.printf("  comparison %d '%s': %s vs %s on %s%s%n", ci + 1, cmp.name(), cmp.a(), cmp.b(), cmp.metric(),
                    own.size() == seeds.size() ? "" : ", its own seeds " + own);
            for (int level : claim.levels(ci)) {
                out.printf("    round %d (Pm %.1f%%)%n", level, claim.pm(level));
                for (int s = 0; s < own.size(); s++) out.printf("      seed %-4d %s  vs  %s%n", own.get(s),
                        side(plan, ci, true, level, s), side(plan, ci, false, level, s));
            }
        }
        int needed = RunGraph.needed(plan.runs());
        int toTrain = known == null ? needed : known.missing(plan.runs());
        out.printf("  runs: %d needed (the trunk to the deepest round, every seed, the controls and any rewinding point θ_k)%s%n", needed,
                known == null ? "" : "; " + toTrain + " to train, the rest in " + store);
        Optional<StepTimes.Row> row = StepTimes.row(setup);
        int chains = RunGraph.chains(plan.runs());
        out.printf("  estimated cost: %s%n%n", row.map(r -> {
            double run = r.secondsPerIteration() * p.iterations();
            return "%d runs × ~%s = ~%s of training, ~%s on %d workers (estimate: %s s/iteration, %s)".formatted(toTrain,
                    StepTimes.format(run), StepTimes.format(toTrain * run),
                    StepTimes.format(StepTimes.wall(toTrain, run, workers, chains)), Math.min(workers, chains),
                    r.secondsPerIteration(), r.source());
        }).orElse("no measured step time for " + setup.model().canonical() + " at batch " + setup.train().batch() + " on "
                + p.dataset() + " (measured: " + StepTimes.ROWS.stream().map(r -> r.model() + "@w" + r.width() + "/b" + r.batch()).toList() + ")"));
    }

    /** One side of a comparison at a level, for the {@code s}-th seed: its run and key (and its twin's), or the threshold. */
    private static String side(ClaimPlan plan, int ci, boolean sideA, int level, int s) {
        ClaimSpec.Comparison cmp = plan.claim().comparison(ci);
        if (cmp.side(sideA) instanceof Side.Threshold t) return "threshold " + t.value();
        RunSpec r = plan.side(ci, sideA, level).get(s);
        String run = r.describe().replaceAll(", seed \\d+$", "") + " [" + r.hash() + "]";
        if (cmp.metric() == lth.claim.Metric.INSTABILITY && sideA) run += " + twin [" + ClaimPlan.twin(r).hash() + "]";
        return run;
    }
}
