package lth.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** One training run: a setup, a trial seed, an arm and a level (in the paper's pruning rounds). */
public record RunSpec(Setup setup, long seed, Arm arm, int level, int rewind) {
    /**
     * Bump when a change to training or pruning makes stored runs invalid. 2: the fast LeNet step's
     * ReLU backprop passed the gradient at pre-activations of exactly 0 (DL4J's, and PyTorch's, pass
     * none), so units cut off by pruning could train where DL4J's fit leaves them dead.
     */
    public static final String ENGINE_VERSION = "lth-engine/2;dl4j=1.0.0-M2.1";

    public RunSpec {
        if (arm == Arm.DENSE) { arm = Arm.TICKET; level = 0; }      // the dense net is the trunk's level 0
        if (level < 0) throw new IllegalArgumentException("level must be >= 0");
        if (level % setup.roundsPerLevel() != 0)
            throw new IllegalArgumentException("level " + level + " is not a multiple of rounds_per_level "
                    + setup.roundsPerLevel() + " in setup " + setup.name());
        if (rewind < 0 || rewind >= setup.train().iterations())
            throw new IllegalArgumentException("rewind iteration " + rewind + " outside 0.." + (setup.train().iterations() - 1));
        if (rewind > 0 && arm != Arm.TICKET)
            throw new IllegalArgumentException("only the winning ticket can be rewound, not " + arm.label());
        if (level == 0 && arm != Arm.TICKET && arm != Arm.TWIN)
            throw new IllegalArgumentException(arm.label() + " needs a pruning level > 0");
    }

    /** Reset to θ0 (no rewinding). */
    public RunSpec(Setup setup, long seed, Arm arm, int level) { this(setup, seed, arm, level, 0); }

    /** IMP rounds of this setup (each compounding roundsPerLevel paper rounds). */
    public int impRounds() { return level / setup.roundsPerLevel(); }

    /**
     * The engine part of the key: {@link #ENGINE_VERSION}, plus the numeric engine when it is not the
     * default CPU one (oneDNN helpers, a GPU backend), since those give other bits for the same run.
     */
    public static String engineKey() {
        String id = lth.model.Engine.id();
        return id.equals("cpu") ? ENGINE_VERSION : ENGINE_VERSION + ";engine=" + id;
    }

    public String canonical() {
        // A level-0 run (dense, θ_k, the dense twin) prunes nothing: its key leaves the pruning out, so
        // setups that differ only in pruning (global vs layer-wise, rates, rounds per level) share it.
        return engineKey() + setup.model().batchNormKey() + setup.model().convKey() + "|" + setup.canonical(level > 0) + "|seed=" + seed
                + "|arm=" + arm.label() + "|level=" + level
                + (rewind == 0 ? "" : "|rewind=" + rewind);
    }

    public String hash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String describe() {
        if (rewind > 0 && level == 0) return "θ_" + rewind + " (dense to iteration " + rewind + "), seed " + seed;
        return arm == Arm.TICKET && level == 0 ? "dense, seed " + seed
                : arm.label() + (rewind > 0 ? "@" + rewind : "") + " level " + level + ", seed " + seed;
    }
}
