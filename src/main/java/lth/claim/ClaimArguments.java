package lth.claim;

import lth.experiment.Setup;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads a claim's cases from its file. A claim with no case fails: it must not pass by running nothing. */
public final class ClaimArguments implements ArgumentsProvider, AnnotationConsumer<ClaimTest> {
    private String id;

    @Override
    public void accept(ClaimTest annotation) { this.id = annotation.value(); }

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        return cases(id, Profiles.active()).stream().map(Arguments::of);
    }

    public static List<ClaimCase> cases(String id, String profile) {
        ClaimSpec claim = ClaimFiles.loadAll(ClaimFiles.directory()).get(id);
        if (claim == null)
            throw new IllegalArgumentException("no claim file in " + ClaimFiles.directory().toAbsolutePath() + " has id " + id);
        Setup setup = Setups.of(claim, profile);
        List<ClaimCase> cases = new ArrayList<>();
        for (int ci = 0; ci < claim.comparisons().size(); ci++)
            for (int level : claim.comparisons().get(ci).levels().get(profile))
                cases.add(new ClaimCase(claim, profile, ci, level, Setups.pmAt(setup, level)));
        if (cases.isEmpty()) throw new IllegalStateException(id + " has no case in the " + profile + " profile");
        return cases;
    }
}
