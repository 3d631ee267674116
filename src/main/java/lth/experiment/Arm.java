package lth.experiment;

import java.util.Locale;

/**
 * The arms a claim compares. DENSE is the trunk's level 0; TICKET is the IMP mask with θ0 (the
 * winning ticket); REINIT keeps the mask and draws fresh weights from the same distribution;
 * ONESHOT prunes the trained dense net to the level's Pm in one step and resets to θ0; RANDOM
 * draws a random mask with the same per-layer counts and applies it to the unmasked θ0. TWIN is the
 * ticket (same θ0 and mask) trained with another data order: the second copy for linear mode
 * connectivity (instability).
 */
public enum Arm {
    DENSE, TICKET, REINIT, ONESHOT, RANDOM, TWIN;

    public static Arm parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown arm '" + s + "'; known: dense, ticket, reinit, oneshot, random, twin");
        }
    }

    public String label() { return name().toLowerCase(Locale.ROOT); }
}
