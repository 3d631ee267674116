package lth.stats;

/** Which test gates a SUPERIORITY verdict; both are always computed and reported. */
public enum PrimaryTest { PAIRED_T, WILCOXON }
