package lth.prune;

import lth.model.LayerKind;

/**
 * Fraction of the surviving weights removed per round, by layer kind. The paper's LeNet: fc 0.2,
 * output 0.1; Conv-2/4: conv 0.1; Conv-6: conv 0.15. A rate of 0 leaves that kind unpruned (but
 * still counted in Pm). Shortcut convolutions ({@link LayerKind#SHORTCUT}) always have rate 0.
 */
public record Rates(double conv, double fc, double output) {
    public Rates {
        for (double r : new double[]{conv, fc, output})
            if (r < 0 || r >= 1) throw new IllegalArgumentException("pruning rate must be in [0,1), got " + r);
    }

    public double of(LayerKind kind) {
        return switch (kind) {
            case CONV -> conv;
            case FC -> fc;
            case OUTPUT -> output;
            case SHORTCUT -> 0;          // ResNet projection shortcuts: counted in Pm, never pruned
        };
    }

    /** Survivors of {@code total} weights after {@code rounds} rounds, rounding as each round does. */
    public static long survivors(long total, double rate, int rounds) {
        long n = total;
        for (int i = 0; i < rounds; i++) n -= Math.round(rate * n);
        return n;
    }

    public String canonical() { return "conv=" + conv + ",fc=" + fc + ",out=" + output; }
}
