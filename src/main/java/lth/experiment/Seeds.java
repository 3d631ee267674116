package lth.experiment;

/**
 * Derives independent seeds from a trial seed. The trial seed itself fixes θ0 and the data order,
 * which every arm of the trial shares (the pairing); controls draw their randomness from derived seeds.
 */
public final class Seeds {
    private Seeds() { }

    public static long derive(long seed, String purpose, int level) {
        long h = seed * 0x9E3779B97F4A7C15L ^ purpose.hashCode() * 0xC2B2AE3D27D4EB4FL ^ level * 0x165667B19E3779F9L;
        h ^= h >>> 33; h *= 0xff51afd7ed558ccdL; h ^= h >>> 33; h *= 0xc4ceb9fe1a85ec53L; h ^= h >>> 33;
        return h & Long.MAX_VALUE;
    }
}
