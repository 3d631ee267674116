package lth.stats;

/** SUPERIORITY: one-sided test of the oriented difference against a margin. EQUIVALENCE: TOST within ±bound (negative claims). */
public enum Kind { SUPERIORITY, EQUIVALENCE }
