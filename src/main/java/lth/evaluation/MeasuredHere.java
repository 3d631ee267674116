package lth.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import lth.claim.ClaimPlan;
import lth.claim.ProfileClaim;
import lth.experiment.RunSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What a run of a claim costs on this kind of CPU, measured: the median wall seconds ({@code metrics.json}'s
 * {@code seconds}, evaluation included, runs two at a time as the tier trains them) of the claim's runs in the store
 * whose {@code machine.txt} names this machine. {@code lth pieces}, a claim's "estimated ... to train" line and a
 * seed group's time left prefer it to {@link lth.experiment.StepTimes}' fixed table, which was measured on one CPU
 * (the kinds seen here differ by 2× at the same shapes).
 */
public record MeasuredHere(int runs, double seconds) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the estimate was made, for the lines that print it. */
    public String describe() { return "median of %d of its runs stored from this CPU".formatted(runs); }

    /** Of the claim's confirmatory and pilot runs at its profile; empty without a store or two such runs. */
    public static Optional<MeasuredHere> of(Path store, ProfileClaim claim, String machine) {
        if (!Files.isDirectory(store)) return Optional.empty();
        List<RunSpec> plan = new ArrayList<>(ClaimPlan.of(claim, claim.scale().confirmatorySeeds()).runs());
        if (!claim.scale().pilotSeeds().isEmpty()) plan.addAll(ClaimPlan.of(claim, claim.scale().pilotSeeds()).runs());
        return of(store, plan, machine);
    }

    /** Needs at least two such runs (one says little); empty otherwise. */
    static Optional<MeasuredHere> of(Path store, List<RunSpec> plan, String machine) {
        List<Double> secs = new ArrayList<>();
        for (RunSpec r : new LinkedHashSet<>(plan)) {
            Path dir = store.resolve(r.hash());
            try {
                if (!Files.isRegularFile(dir.resolve("machine.txt")) || !Files.readString(dir.resolve("machine.txt")).strip().equals(machine.strip())
                        || !Files.readString(dir.resolve("spec.txt")).equals(r.canonical()))
                    continue;
                double s = JSON.readTree(dir.resolve("metrics.json").toFile()).path("metrics").path("seconds").asDouble(Double.NaN);
                if (s > 0) secs.add(s);
            } catch (IOException | RuntimeException e) {
                // an entry that does not read back whole counts for nothing here (the store sets it aside when it is read)
            }
        }
        if (secs.size() < 2) return Optional.empty();
        secs.sort(null);
        int n = secs.size();
        return Optional.of(new MeasuredHere(n, n % 2 == 1 ? secs.get(n / 2) : (secs.get(n / 2 - 1) + secs.get(n / 2)) / 2));
    }
}
