package lth.claim;

/** The active profile: {@code -Dlth.profile=quick|reduced|nightly} (set by {@code -Pquick}, {@code -Preduced}, {@code -Pnightly}). */
public final class Profiles {
    private Profiles() { }

    public static String active() {
        String p = System.getProperty("lth.profile", "quick").strip();
        if (!ClaimFiles.PROFILES.contains(p))
            throw new IllegalArgumentException("-Dlth.profile=" + p + " is not a profile; use one of " + ClaimFiles.PROFILES);
        return p;
    }
}
