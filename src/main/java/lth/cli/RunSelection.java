package lth.cli;

import lth.claim.ClaimDirectory;
import lth.claim.ClaimFiles;
import lth.claim.ClaimPlan;
import lth.claim.ClaimSpec;
import lth.claim.Metric;
import lth.claim.ProfileClaim;
import lth.claim.Side;
import lth.experiment.Arm;
import lth.experiment.RunSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a claim, as {@code run} and {@code show} select it: claim, arm, level, seed and profile.
 * The run's setup is the one the claim's plan gives that arm (with the comparison's overrides: another
 * learning rate, warmup or pruning scope), so its key is the key the claim tests store it under.
 */
public final class RunSelection {
    @Option(names = "--claim", required = true, paramLabel = "ID", description = "claim id, e.g. LTH-3")
    String claim;

    @Option(names = "--arm", required = true, paramLabel = "ARM",
            description = "dense, ticket, reinit, oneshot, random, twin, or ticket@K (rewound to iteration K)")
    String arm;

    @Option(names = "--level", defaultValue = "0", paramLabel = "L",
            description = "pruning level in the paper's rounds (0 = dense; a multiple of the profile's rounds_per_level)")
    int level;

    @Option(names = "--seed", required = true, paramLabel = "S", description = "trial seed (confirmatory seeds: first_seed..first_seed+seeds-1, 1..seeds unless the profile sets first_seed)")
    long seed;

    @Option(names = "--profile", defaultValue = "quick", paramLabel = "P", description = "quick, reduced or nightly (default: quick)")
    String profile;

    @Option(names = "--comparison", paramLabel = "N|NAME",
            description = "the comparison whose arm this is (1-based number or name), when the claim's comparisons give the arm different setups")
    String comparison;

    @Option(names = "--side", paramLabel = "a|b",
            description = "the side of the comparison, when both sides name the arm (e.g. LTH-13: global ticket a vs layer-wise ticket b)")
    String side;

    @Option(names = "--store", defaultValue = "target/lth-store", paramLabel = "DIR",
            description = "run store (default: target/lth-store, the one mvn verify uses)")
    Path store;

    @Option(names = "--claims", defaultValue = "claims", paramLabel = "DIR", description = "claim files (default: claims)")
    Path claims;

    ProfileClaim claimSpec() {
        ClaimSpec c = ClaimDirectory.scan(claims).get(claim);
        if (!ClaimFiles.PROFILES.contains(profile))
            throw new IllegalArgumentException("--profile " + profile + " is not a profile; use one of " + ClaimFiles.PROFILES);
        if (!c.has(profile)) throw new IllegalArgumentException(claim + " has no " + profile + " block in " + c.file());
        return ProfileClaim.of(c, profile);
    }

    /** The run: the setup a comparison gives this arm, or the claim's own setup for the trunk (ticket, dense, twin). */
    RunSpec spec() {
        ProfileClaim c = claimSpec();
        if (side != null && !side.equals("a") && !side.equals("b")) throw new IllegalArgumentException("--side must be a or b, got " + side);
        boolean twin = arm.equals("twin");
        Side.Trained wanted = Side.Trained.parse(arm);                 // an unknown arm fails here, naming the known ones
        Map<String, RunSpec> candidates = new LinkedHashMap<>();      // where the arm appears -> its run
        List<String> names = new ArrayList<>();
        for (int i = 0; i < c.comparisons().size(); i++) {
            ClaimSpec.Comparison cmp = c.comparison(i);
            names.add((i + 1) + " '" + cmp.name() + "' (" + cmp.a() + " vs " + cmp.b() + ")");
            if (comparison != null && !comparison.equals(String.valueOf(i + 1)) && !comparison.equals(cmp.name())) continue;
            for (boolean sideA : List.of(true, false)) {
                if (side != null && !side.equals(sideA ? "a" : "b")) continue;
                if (cmp.side(sideA).equals(wanted) || twin && sideA && cmp.metric() == Metric.INSTABILITY) {
                    RunSpec s = twin ? ClaimPlan.twin(c.run(i, sideA, level, seed)) : c.run(i, sideA, level, seed);
                    candidates.put("--comparison " + (i + 1) + " --side " + (sideA ? "a" : "b") + " ('" + cmp.name() + "')", s);
                }
            }
        }
        if (comparison != null && names.stream().noneMatch(n -> n.startsWith(comparison + " ") || n.contains("'" + comparison + "'")))
            throw new IllegalArgumentException(claim + " has no comparison " + comparison + "; its comparisons: " + String.join("; ", names));
        if (candidates.isEmpty() && comparison == null && side == null
                && List.of(Arm.TICKET, Arm.DENSE, Arm.TWIN).contains(wanted.arm()))
            candidates.put("the claim's trunk", new RunSpec(c.setup(), seed, wanted.arm(), level, wanted.rewind()));
        if (candidates.isEmpty())
            throw new IllegalArgumentException(claim + " runs no arm '" + arm + "'" + (comparison != null ? " in comparison " + comparison : "")
                    + "; its comparisons: " + String.join("; ", names));
        List<String> hashes = candidates.values().stream().map(RunSpec::hash).distinct().toList();
        if (hashes.size() > 1) {
            StringBuilder sb = new StringBuilder(claim + "'s comparisons give arm '" + arm + "' different setups; choose one:");
            candidates.forEach((where, s) -> sb.append("\n  ").append(where).append(": ").append(s.hash()).append(' ').append(s.setup().optimizer().canonical())
                    .append(s.setup().scope() == lth.prune.Scope.LAYERWISE ? "" : " scope=" + s.setup().scope().label()));
            throw new IllegalArgumentException(sb.toString());
        }
        return candidates.values().iterator().next();
    }

    String describe(RunSpec s) { return claim + " · " + profile + " · " + s.describe(); }
}
