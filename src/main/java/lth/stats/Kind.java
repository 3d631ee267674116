package lth.stats;

import java.util.Locale;

/** SUPERIORITY: one-sided test of the oriented difference against a margin. EQUIVALENCE: TOST within ±bound (negative claims). */
public enum Kind {
    SUPERIORITY, EQUIVALENCE;

    /** As claim files spell it: superiority, equivalence. */
    public String label() { return name().toLowerCase(Locale.ROOT); }
}
