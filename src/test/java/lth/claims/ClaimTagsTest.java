package lth.claims;

import lth.claim.ClaimFiles;
import lth.claim.ClaimSpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JUnit tags that {@code -Dgroups} selects claims by (README, "Selecting claims") agree with the
 * claim files: every claim test carries its family (the id's prefix: {@code lth}, {@code lmc},
 * {@code stab}, {@code liu}), its model ({@code lenet}, {@code conv}, {@code vgg}, {@code resnet}) and
 * {@code gpu} exactly when a profile of the claim requires a GPU; every claim file has a test.
 */
class ClaimTagsTest {

    static final Set<String> MODELS = Set.of("lenet", "conv", "vgg", "resnet");

    @Test
    @DisplayName("every claim test is tagged with its family, its model and gpu as its claim file says")
    void tagsMatchClaimFiles() {
        Map<String, ClaimSpec> claims = ClaimFiles.loadAll(Path.of("claims"));
        Map<String, Set<String>> tagged = new TreeMap<>();
        for (Class<?> c : new Class<?>[]{LeNetClaimIT.class, DeepNetClaimIT.class})
            for (Method m : c.getDeclaredMethods()) {
                ClaimTest t = m.getAnnotation(ClaimTest.class);
                if (t != null) tagged.put(t.value(), tags(c, m));
            }
        assertThat(tagged.keySet()).as("claim files without a claim test").containsAll(claims.keySet());
        for (var e : tagged.entrySet()) {
            ClaimSpec claim = claims.get(e.getKey());
            assertThat(claim).as("claim test %s has no claim file", e.getKey()).isNotNull();
            Set<String> expected = new TreeSet<>(Set.of(family(claim.id()), model(claim.setup().model())));
            if (claim.profiles().values().stream().anyMatch(p -> "gpu".equals(p.requires()))) expected.add("gpu");
            assertThat(e.getValue()).as("tags of %s (model %s)", claim.id(), claim.setup().model()).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("the calibration claim has its own tag")
    void calibrationTagged() {
        assertThat(StatisticsCalibrationClaimIT.class.getAnnotation(Tag.class).value()).isEqualTo("cal");
    }

    static String family(String id) { return id.substring(0, id.indexOf('-')).toLowerCase(Locale.ROOT); }

    /** lenet-300-100 -> lenet, conv-2-dropout -> conv, vgg-19 -> vgg, resnet-50 -> resnet. */
    static String model(String name) {
        String m = name.substring(0, name.indexOf('-'));
        assertThat(MODELS).as("model tag of %s", name).contains(m);
        return m;
    }

    private static Set<String> tags(Class<?> c, Method m) {
        return Stream.concat(Arrays.stream(c.getAnnotationsByType(Tag.class)), Arrays.stream(m.getAnnotationsByType(Tag.class)))
                .map(Tag::value).collect(Collectors.toCollection(TreeSet::new));
    }
}
