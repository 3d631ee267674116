package lth.stats;

/** Direction of a claim: A &gt; B (GREATER) or A &lt; B (LESS). Differences are oriented so that positive supports it. */
public enum Direction {
    GREATER, LESS;

    /** As claim files spell it: greater, less. */
    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** +1 for GREATER, -1 for LESS: multiplying a-b by this gives the oriented difference. */
    public double sign() {
        return this == GREATER ? 1.0 : -1.0;
    }
}
