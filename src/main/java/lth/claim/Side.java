package lth.claim;

import lth.experiment.Arm;

/**
 * One side of a comparison: a trained arm (optionally rewound: {@code ticket@500} resets the survivors
 * to θ_500 instead of θ0) or, for a one-sample comparison, a constant threshold. Parsed once from the
 * claim file; {@link #label()} is the file's spelling, which reports and CSVs print.
 */
public sealed interface Side permits Side.Trained, Side.Threshold {
    String label();

    /** An arm that is trained: the dense net, the ticket (reset to θ0, or rewound to iteration {@code rewind}), a control. */
    record Trained(Arm arm, int rewind) implements Side {
        public Trained {
            if (rewind < 0) throw new IllegalArgumentException("rewind must be >= 0");
            if (rewind > 0 && arm != Arm.TICKET)
                throw new IllegalArgumentException("only the ticket can be rewound, not " + arm.label());
        }

        public static Trained of(Arm arm) { return new Trained(arm, 0); }

        /**
         * {@code ticket}, {@code reinit}, ... or {@code ticket@K}. Only the ticket can be rewound: the
         * controls are drawn afresh (reinit, random) or pruned from the trained dense net (oneshot).
         */
        public static Trained parse(String s) {
            if (!s.contains("@")) return of(Arm.parse(s));
            String base = s.substring(0, s.indexOf('@')), k = s.substring(s.indexOf('@') + 1);
            if (!k.matches("[0-9]{1,9}") || Integer.parseInt(k) == 0)
                throw new IllegalArgumentException("'" + s + "': the rewind iteration after @ must be a positive integer");
            if (!base.equals("ticket"))
                throw new IllegalArgumentException("'" + s + "': only the ticket can be rewound (ticket@k); "
                        + base + " is never rewound");
            return new Trained(Arm.TICKET, Integer.parseInt(k));
        }

        public boolean dense() { return arm == Arm.DENSE; }

        /** Rewound to iteration {@code k} instead, if rewound at all. */
        public Trained rewoundTo(int k) { return rewind > 0 ? new Trained(arm, k) : this; }

        @Override
        public String label() { return arm.label() + (rewind > 0 ? "@" + rewind : ""); }

        @Override
        public String toString() { return label(); }
    }

    /** A constant the arm's metric is tested against (one-sample), e.g. instability below 2pp. */
    record Threshold(double value) implements Side {
        public static final String LABEL = "threshold";

        @Override
        public String label() { return LABEL; }

        @Override
        public String toString() { return label(); }
    }
}
