package lth.stats;

import java.util.Locale;

/** Which test gates a SUPERIORITY verdict; both are always computed and reported. */
public enum PrimaryTest {
    PAIRED_T, WILCOXON;

    /** As claim files spell it: paired-t, wilcoxon. */
    public String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
}
