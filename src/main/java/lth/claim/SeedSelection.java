package lth.claim;

import java.util.List;
import java.util.TreeSet;

/**
 * The trial seeds a claim runs with under a profile. By default the confirmatory seeds
 * {@code first_seed}..{@code first_seed + seeds - 1} (1..{@code seeds} unless the block sets {@code first_seed});
 * {@code -Dlth.seeds=1-3} or {@code 4,5} runs a group of them (a piece of a long tier; the store and
 * the committed per-seed results join the groups); {@code -Dlth.seeds=pilot} runs the profile's pilot
 * seeds, which sized the confirmatory design and are never part of it.
 */
public final class SeedSelection {
    private SeedSelection() { }

    public static final String PROPERTY = "lth.seeds";

    public static boolean pilot() { return "pilot".equals(System.getProperty(PROPERTY, "").strip()); }

    /**
     * Whether {@code selected} is a piece of the profile's confirmatory design: a seed group without all its seeds
     * (not the pilot). A piece trains and stores its runs but gives no verdict: the pre-registered test is over
     * every confirmatory seed, and comes from running the claim without {@code -Dlth.seeds}, from the store.
     */
    public static boolean piece(List<Long> selected, ClaimSpec.ProfileSpec p) {
        return !pilot() && !selected.containsAll(p.confirmatorySeeds());
    }

    public static List<Long> of(ClaimSpec claim, ClaimSpec.ProfileSpec p) { return of(claim, p, System.getProperty(PROPERTY)); }

    static List<Long> of(ClaimSpec claim, ClaimSpec.ProfileSpec p, String selection) {
        List<Long> all = p.confirmatorySeeds();
        if (selection == null || selection.isBlank()) return all;
        String sel = selection.strip();
        if (sel.equals("pilot")) {
            if (p.pilotSeeds().isEmpty())
                throw new IllegalArgumentException("-D" + PROPERTY + "=pilot: " + claim.file().getFileName()
                        + " declares no pilot_seeds for this profile");
            return p.pilotSeeds();
        }
        TreeSet<Long> chosen = new TreeSet<>();
        for (String part : sel.split(",")) {
            String t = part.strip();
            try {
                if (t.contains("-")) {
                    long from = Long.parseLong(t.substring(0, t.indexOf('-')).strip());
                    long to = Long.parseLong(t.substring(t.indexOf('-') + 1).strip());
                    if (from > to) throw new NumberFormatException();
                    for (long s = from; s <= to; s++) chosen.add(s);
                } else chosen.add(Long.parseLong(t));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + selection + ": '" + t
                        + "' is not a seed, a range like 1-3, or 'pilot'");
            }
        }
        for (long s : chosen)
            if (!all.contains(s))
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + selection + ": seed " + s + " is not one of "
                        + claim.id() + "'s confirmatory seeds " + p.confirmatoryRange() + " (" + claim.file().getFileName()
                        + (p.pilotSeeds().contains(s) ? "; it is a pilot seed: -D" + PROPERTY + "=pilot runs the pilot" : "") + ")");
        return List.copyOf(chosen);
    }
}
