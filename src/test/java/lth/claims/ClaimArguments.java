package lth.claims;

import lth.claim.ClaimCase;
import lth.claim.ClaimDirectory;
import lth.claim.ClaimFiles;
import lth.claim.ClaimSpec;
import lth.claim.ProfileClaim;
import lth.claim.Profiles;
import lth.report.CaseResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;
import org.junit.jupiter.params.support.ParameterDeclarations;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads a claim's cases from its file ({@link ProfileClaim#cases}). A claim with no case fails: it must not
 * pass by running nothing. A claim left out by {@code -Dlth.claims.only=LTH-1,LTH-3} (a nightly shard)
 * generates no case at all: nothing is trained, nothing is reported, and the next shard runs it. An id in
 * the list that no claim file has is an error, so a typo cannot turn a shard into an empty green run. Each
 * claim reads only its own file ({@link ClaimDirectory}): a malformed file errors its own claim's cases,
 * with the file's error as the message, and the other claims run.
 */
public final class ClaimArguments implements ArgumentsProvider, AnnotationConsumer<ClaimTest> {
    private String id;

    @Override
    public void accept(ClaimTest annotation) { this.id = annotation.value(); }

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        if (!selected(id, System.getProperty(ONLY))) return Stream.empty();
        return cases(id, Profiles.active()).stream().map(Arguments::of);
    }

    /** System property: comma-separated claim ids to run; unset or blank runs every claim. */
    public static final String ONLY = "lth.claims.only";

    /** The statistics' own claim (StatisticsCalibrationClaimIT): no claim file, selectable like one. */
    public static final String CALIBRATION = CaseResult.CALIBRATION;

    /** Whether the calibration claim runs in this JVM: unset selection, or {@value #CALIBRATION} listed (one shard). */
    public static boolean calibrationSelected() { return selected(CALIBRATION, System.getProperty(ONLY)); }

    /** Whether claim {@code id} runs under the selection {@code only} (the value of {@value #ONLY}). */
    static boolean selected(String id, String only) {
        if (only == null || only.isBlank()) return true;
        Set<String> ids = new LinkedHashSet<>();
        for (String s : only.split(",")) if (!s.isBlank()) ids.add(s.strip());
        Set<String> known = new TreeSet<>(ClaimDirectory.scan(ClaimFiles.directory()).ids());
        known.add(CALIBRATION);
        List<String> unknown = ids.stream().filter(s -> !known.contains(s)).toList();
        if (!unknown.isEmpty())
            throw new IllegalArgumentException("-D" + ONLY + "=" + only + ": no claim file has id " + unknown
                    + " (known: " + known + ")");
        return ids.contains(id);
    }

    public static List<ClaimCase> cases(String id, String profile) {
        return cases(ClaimDirectory.scan(ClaimFiles.directory()).get(id), profile);
    }

    /** The cases of a loaded claim: one per comparison and level of the profile. */
    public static List<ClaimCase> cases(ClaimSpec file, String profile) {
        if (!file.has(profile)) {       // no scale defined for this profile: one case per comparison, skipped with the reason
            List<ClaimCase> none = new ArrayList<>();
            for (int ci = 0; ci < file.comparisons().size(); ci++) none.add(new ClaimCase(file, profile, ci, 0, Double.NaN));
            return none;
        }
        List<ClaimCase> cases = ProfileClaim.of(file, profile).cases();
        if (cases.isEmpty()) throw new IllegalStateException(file.id() + " has no case in the " + profile + " profile");
        return cases;
    }
}
