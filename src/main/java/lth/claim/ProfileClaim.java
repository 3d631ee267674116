package lth.claim;

import lth.experiment.RunSpec;
import lth.experiment.Setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A claim resolved for one profile, once: the profile's view of the file ({@link ClaimSpec#forProfile}: its
 * own setup and rewind point), its scale, the base setup, each arm's setup (its comparison's overrides
 * applied), the Pm of every level a comparison tests, and the cases. Everything that plans, trains or
 * reports a profile's cases reads this, never the file and a profile name apart.
 */
public final class ProfileClaim {
    private final ClaimSpec claim;
    private final String profile;
    private final ClaimSpec.ProfileSpec scale;
    private final Setup setup;
    private final List<Setup[]> armSetups = new ArrayList<>();
    /** Pm per level, computed when first asked (it builds the model once): planning and costing need none. */
    private final Map<Integer, Double> pm = new java.util.concurrent.ConcurrentHashMap<>();
    private final int deepest;

    private ProfileClaim(ClaimSpec file, String profile) {
        if (!file.has(profile))
            throw new IllegalArgumentException(file.id() + " has no " + profile + " block in " + file.file().getFileName());
        this.claim = file.forProfile(profile);
        this.profile = profile;
        this.scale = claim.profiles().get(profile);
        this.setup = Setups.of(claim, profile);
        int deep = 0;
        for (ClaimSpec.Comparison c : claim.comparisons()) {
            armSetups.add(new Setup[]{Setups.of(claim, profile, c.aOverrides()), Setups.of(claim, profile, c.bOverrides())});
            for (int level : c.levels().get(profile)) deep = Math.max(deep, level);
        }
        this.deepest = deep;
    }

    /** {@code file} as {@code profile} runs it; an error when the file has no block for that profile. */
    public static ProfileClaim of(ClaimSpec file, String profile) { return new ProfileClaim(file, profile); }

    /** The profile's view of the claim file. */
    public ClaimSpec claim() { return claim; }

    public String id() { return claim.id(); }

    public String profile() { return profile; }

    public ClaimSpec.ProfileSpec scale() { return scale; }

    /** The claim's base setup at this scale (the trunk's). */
    public Setup setup() { return setup; }

    public List<ClaimSpec.Comparison> comparisons() { return claim.comparisons(); }

    public ClaimSpec.Comparison comparison(int i) { return claim.comparisons().get(i); }

    public List<Integer> levels(int comparison) { return comparison(comparison).levels().get(profile); }

    /** The setup one side of a comparison trains in (the base setup with that side's overrides). */
    public Setup setup(int comparison, boolean sideA) { return armSetups.get(comparison)[sideA ? 0 : 1]; }

    /** Percent of all weights left at {@code level} (paper rounds), from the masks' arithmetic; NaN for a model not built yet. */
    public double pm(int level) {
        return pm.computeIfAbsent(level, l -> Setups.pmAt(setup, l));
    }

    /** The deepest level any comparison tests: the trunk is trained to it. */
    public int deepest() { return deepest; }

    /**
     * The run one side of a comparison needs at a level and seed: the side's arm in the side's setup
     * (the dense net is the trunk's level 0). The one place a claim's run specs are made.
     */
    public RunSpec run(int comparison, boolean sideA, int level, long seed) {
        if (!(comparison(comparison).side(sideA) instanceof Side.Trained arm))
            throw new IllegalArgumentException("side " + (sideA ? "a" : "b") + " of " + comparison(comparison).name() + " is a threshold, not a run");
        return Setups.run(setup(comparison, sideA), arm, level, seed);
    }

    /** The file's disclosure for this profile, "" when none. */
    public String disclosure() { return claim.disclosure(profile); }

    /** The cases: one per comparison and level, in file order. */
    public List<ClaimCase> cases() {
        List<ClaimCase> cases = new ArrayList<>();
        for (int ci = 0; ci < comparisons().size(); ci++)
            for (int level : levels(ci)) cases.add(new ClaimCase(claim, profile, ci, level, pm(level)));
        return cases;
    }
}
