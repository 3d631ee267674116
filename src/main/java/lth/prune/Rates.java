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

    /**
     * The one rate of global pruning ({@link MagnitudePruning#global}: a single magnitude threshold over
     * every layer whose kind has a non-zero rate). Conv and FC layers join that threshold at one rate,
     * so their non-zero rates must agree; the output layer is either left out (rate 0, the paper's VGG
     * and ResNet) or joins at that same rate. Any other combination would silently prune with one of
     * the rates, so it is an error.
     */
    public double globalRate() {
        if (conv > 0 && fc > 0 && conv != fc)
            throw new IllegalArgumentException("global pruning removes conv and fc weights under one threshold at one rate, "
                    + "but the conv rate " + conv + " and the fc rate " + fc + " differ");
        double rate = fc > 0 ? fc : conv;
        if (rate == 0)
            throw new IllegalArgumentException("global pruning needs a non-zero conv or fc rate (both are 0: nothing would be pruned)");
        if (output > 0 && output != rate)
            throw new IllegalArgumentException("global pruning leaves the output layer out (rate 0) or prunes it under the one "
                    + "threshold at the conv/fc rate " + rate + ", not at its own rate " + output);
        return rate;
    }

    /** Survivors of {@code total} weights after {@code rounds} rounds, rounding as each round does. */
    public static long survivors(long total, double rate, int rounds) {
        long n = total;
        for (int i = 0; i < rounds; i++) n -= Math.round(rate * n);
        return n;
    }

    public String canonical() { return "conv=" + conv + ",fc=" + fc + ",out=" + output; }
}
