package lth.prune;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where IMP's magnitude threshold is drawn: per layer (each layer loses its own rate) or across every
 * pruned layer at once (one rate, {@link Rates#globalRate}). Claim files and run keys spell it
 * {@code layerwise} / {@code global}.
 */
public enum Scope {
    LAYERWISE, GLOBAL;

    public String label() { return name().toLowerCase(Locale.ROOT); }

    public static Scope parse(String s) {
        return Arrays.stream(values()).filter(v -> v.label().equals(s)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("scope must be layerwise or global, got " + s));
    }

    @Override
    public String toString() { return label(); }
}
