package lth.cli;

import lth.claim.ClaimDirectory;
import lth.claim.ClaimFiles;
import lth.claim.ClaimPlan;
import lth.claim.ClaimSpec;
import lth.claim.ProfileClaim;
import lth.evaluation.MeasuredHere;
import lth.experiment.Experiment;
import lth.experiment.RunGraph;
import lth.experiment.RunSpec;
import lth.experiment.RunStore;
import lth.experiment.StepTimes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;

/**
 * {@code lth pieces}: what is left of a CPU tier, as pieces that each fit a time box: one line per piece,
 * {@code CLAIM SEEDS RUNS ~TIME}, where SEEDS is a {@code -Dlth.seeds} value ({@code 3}, {@code 6-7}, {@code pilot})
 * or {@code all} (the claim's verdicts over every seed, read from the store). Runs already in the store are not
 * counted; consecutive seeds are grouped while their estimate (the claim's runs measured on this kind of CPU,
 * {@link MeasuredHere}, else the table of measured step times, {@link StepTimes}) fits
 * {@code --minutes} (a seed that alone exceeds it is a piece of its own, and a group grows while its estimate does
 * not). A claim's pilot counts as done when its results are committed ({@code reports/PROFILE/ID.pilot.csv}, committed
 * with the confirmatory design fixed from it; its runs may be under older keys); until then the claim gets its pilot
 * piece only, or, when the pilot's runs are all in the store, none: its design comes first. {@code scripts/tier-all}
 * runs the pieces in turn.
 */
@Command(name = "pieces", mixinStandardHelpOptions = true,
        description = "What is left of a CPU tier, in pieces of at most --minutes: 'CLAIM SEEDS RUNS ~TIME' lines.")
public final class PiecesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "only these claims")
    List<String> ids = new ArrayList<>();

    @Option(names = "--profile", defaultValue = "reduced", paramLabel = "P", description = "the tier (default: reduced)")
    String profile;

    @Option(names = "--store", defaultValue = "target/lth-store", paramLabel = "DIR", description = "run store whose runs count as done")
    Path store;

    @Option(names = "--minutes", defaultValue = "60", paramLabel = "M", description = "the time box of a piece (default: 60)")
    double minutes;

    /** This machine's kind ({@code machine.txt} of the runs it trains); a field so tests can pose as another. */
    String machine = lth.experiment.Machine.describe();

    @Option(names = "--workers", defaultValue = "2", paramLabel = "N", description = "workers (default: 2)")
    int workers;

    @Option(names = "--claims", defaultValue = "claims", paramLabel = "DIR", description = "claim files (default: claims)")
    Path claims;

    @Option(names = "--reports", defaultValue = "reports", paramLabel = "DIR", description = "committed results (default: reports)")
    Path reports;

    /** One piece: a claim, its {@code -Dlth.seeds} value, the runs it trains and its estimated wall seconds (NaN: unknown). */
    record Piece(String claim, String seeds, int runs, double seconds) {
        String line() {
            return "%-8s %-7s %3d runs  ~%s".formatted(claim, seeds, runs, StepTimes.format(seconds));
        }
    }

    @Override
    public Integer call() {
        if (!ClaimFiles.PROFILES.contains(profile))
            throw new IllegalArgumentException("--profile " + profile + " is not a profile; use one of " + ClaimFiles.PROFILES);
        ClaimDirectory dir = ClaimDirectory.scan(claims);
        List<String> selected = ids.isEmpty() ? new ArrayList<>(dir.ids()) : ids;
        selected.sort(lth.report.SummaryRow.BY_ID);
        Experiment known = Files.isDirectory(store) ? new Experiment(null, new RunStore(store), Runnable::run) : null;
        ToIntFunction<List<RunSpec>> missing = runs -> known == null ? RunGraph.needed(runs) : known.missing(runs);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("# %s tier: pieces left (store %s; at most ~%s each on %d workers, from measured step times)%n", profile, store,
                StepTimes.format(minutes * 60), workers);
        double total = 0;
        for (String id : selected) {
            if (dir.errors().containsKey(id)) throw new IllegalArgumentException(id + ": " + dir.errors().get(id).getMessage());
            for (String note : notes(dir.get(id), missing)) out.println("# " + note);
            for (Piece p : pieces(dir.get(id), missing)) {
                out.println(p.line());
                total += p.seconds();
            }
        }
        out.printf("# total ~%s%n", StepTimes.format(total));
        out.flush();
        return 0;
    }

    /** Why a claim has no pieces at this tier, or what must happen before its next ones. */
    List<String> notes(ClaimSpec c, ToIntFunction<List<RunSpec>> missing) {
        ClaimSpec.ProfileSpec p = c.profiles().get(profile);
        if (p == null || p.nightlyOnly() != null) return List.of(c.id() + ": not at this tier");
        if (p.requires() != null) return List.of(c.id() + ": needs " + p.requires());
        if (!p.pilotSeeds().isEmpty() && !Files.exists(pilotResults(c))
                && missing.applyAsInt(ClaimPlan.of(ProfileClaim.of(c, profile), p.pilotSeeds()).runs()) == 0)
            return List.of(c.id() + ": pilot done; fix its design from the pilot's verdicts, commit it with " + pilotResults(c)
                    + ", then its confirmatory pieces follow");
        if (!p.pilotSeeds().isEmpty() && !Files.exists(pilotResults(c))) return List.of();
        List<RunSpec> all = ClaimPlan.of(ProfileClaim.of(c, profile), p.confirmatorySeeds()).runs();   // its progress
        return List.of("%s: %d of its %d confirmatory runs left to train%s".formatted(c.id(), missing.applyAsInt(all), RunGraph.needed(all),
                measuredHere(c).map(m -> "; ~%s a run (%s)".formatted(
                        StepTimes.format(m.seconds()), m.describe())).orElse("")));
    }

    /**
     * Wall seconds a run of the claim takes: measured on this kind of CPU where the store holds two or more of its runs
     * from one ({@link MeasuredHere}), else from {@link StepTimes}' table (NaN where it has no row).
     */
    double perRun(ClaimSpec c) {
        ClaimSpec.ProfileSpec p = c.profiles().get(profile);
        return measuredHere(c).map(MeasuredHere::seconds).orElseGet(() -> StepTimes.row(ProfileClaim.of(c, profile).setup())
                .map(r -> r.secondsPerIteration() * p.iterations()).orElse(Double.NaN));
    }

    private Optional<MeasuredHere> measuredHere(ClaimSpec c) {
        return MeasuredHere.of(store, ProfileClaim.of(c, profile), machine);
    }

    List<Piece> pieces(ClaimSpec c, ToIntFunction<List<RunSpec>> missing) {
        ClaimSpec.ProfileSpec p = c.profiles().get(profile);
        if (p == null || p.nightlyOnly() != null || p.requires() != null) return List.of();
        ProfileClaim claim = ProfileClaim.of(c, profile);
        double perRun = perRun(c);
        if (!p.pilotSeeds().isEmpty() && !Files.exists(pilotResults(c))) {
            List<RunSpec> pilot = ClaimPlan.of(claim, p.pilotSeeds()).runs();
            int m = missing.applyAsInt(pilot);
            return m == 0 ? List.of() : List.of(new Piece(c.id(), "pilot", m, StepTimes.wall(m, perRun, workers, RunGraph.chains(pilot))));
        }
        List<RunSpec> all = ClaimPlan.of(claim, p.confirmatorySeeds()).runs();
        List<Piece> out = new ArrayList<>();
        List<Long> group = new ArrayList<>();
        List<RunSpec> groupRuns = new ArrayList<>();
        int trained = 0;
        for (long seed : p.confirmatorySeeds()) {
            List<RunSpec> own = all.stream().filter(r -> r.seed() == seed).toList();
            int m = missing.applyAsInt(own);
            List<RunSpec> with = new ArrayList<>(groupRuns);
            with.addAll(own);
            double now = StepTimes.wall(missing.applyAsInt(groupRuns), perRun, workers, RunGraph.chains(groupRuns));
            boolean fits = StepTimes.wall(missing.applyAsInt(with), perRun, workers, RunGraph.chains(with)) <= Math.max(minutes * 60, now);
            if (m == 0 || (!group.isEmpty() && !fits)) {
                trained += close(c.id(), group, groupRuns, perRun, missing, out);
                group = new ArrayList<>();
                groupRuns = new ArrayList<>();
            }
            if (m > 0) {
                group.add(seed);
                groupRuns.addAll(own);
            }
        }
        trained += close(c.id(), group, groupRuns, perRun, missing, out);
        if (trained > 0 || !Files.exists(reports.resolve(profile).resolve(c.id() + ".csv")))
            out.add(new Piece(c.id(), "all", 0, 60));
        return out;
    }

    /** Adds the group's piece (if any) and returns how many runs it trains. */
    private int close(String id, List<Long> group, List<RunSpec> runs, double perRun, ToIntFunction<List<RunSpec>> missing, List<Piece> out) {
        if (group.isEmpty()) return 0;
        int m = missing.applyAsInt(runs);
        String seeds = group.size() == 1 ? "" + group.get(0) : group.get(0) + "-" + group.get(group.size() - 1);
        out.add(new Piece(id, seeds, m, StepTimes.wall(m, perRun, workers, RunGraph.chains(runs))));
        return m;
    }

    private Path pilotResults(ClaimSpec c) {
        return reports.resolve(profile).resolve(c.id() + ".pilot.csv");
    }
}
