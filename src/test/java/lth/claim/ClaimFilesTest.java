package lth.claim;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaimFilesTest {
    static final Path REAL = Path.of("claims", "LTH-3.yaml");

    @Test
    @DisplayName("every committed claim file loads, with a unique id and cases in both profiles")
    void committedClaimsLoad() {
        var all = ClaimFiles.loadAll(Path.of("claims"));
        assertThat(all).containsKeys("LTH-1", "LTH-2", "LTH-3", "LTH-5");
        for (ClaimSpec c : all.values())
            for (String p : ClaimFiles.PROFILES)
                if (c.has(p)) assertThat(ProfileClaim.of(c, p).cases()).as(c.id() + " " + p).isNotEmpty();
    }

    /** Each row: a replacement applied to a valid claim file, and the field and words the error must name. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown field           | 'title:'                    | 'colour: red\ntitle:'   | colour     | unknown field
            missing field           | 'title: Winning'            | 'titel: Winning'        | titel      | unknown field
            missing required field  | 'paper: '                   | '# paper: '             | paper      | missing
            wrong-typed field       | 'batch: 60'                 | 'batch: sixty'          | setup.batch | expected an integer
            unknown architecture    | 'model: lenet-300-100'      | 'model: lenet-5'        | setup.model | not one of
            unknown dataset         | 'dataset: mnist-10k'        | 'dataset: svhn'         | profiles.quick.dataset | not one of
            unknown statistical test| 'test: paired-t'            | 'test: z-test'          | statistics.test | not one of
            alpha out of range      | 'alpha: 0.05'               | 'alpha: 0.7'            | statistics.alpha | out of range
            negative min effect     | 'min_effect: 0.5 '          | 'min_effect: -0.5 '     | comparisons[0].min_effect | out of range
            unknown arm             | 'b: reinit'                 | 'b: lottery'            | comparisons[0].b | unknown arm
            rewound control         | 'b: reinit'                 | 'b: reinit@100'         | comparisons[0].b | only the ticket can be rewound
            rewind not a number     | 'a: ticket'                 | 'a: ticket@k'           | comparisons[0].a | must be a positive integer
            unknown direction       | 'direction: greater'        | 'direction: higher'     | comparisons[0].direction | not one of [greater, less]
            unknown kind            | 'direction: greater'        | 'direction: greater\n    kind: superior' | comparisons[0].kind | not one of [equivalence, superiority]
            unknown scope           | 'scope: layerwise'          | 'scope: local'          | setup.scope | not one of [global, layerwise]
            unknown metric          | 'metric: test_accuracy_at_es' | 'metric: f1'          | comparisons[0].metric | not one of
            level not a multiple    | 'quick: [6]'                | 'quick: [5]'            | comparisons[0].levels.quick | not a multiple
            profile block missing   | '  nightly:\n    dataset: mnist\n' | '  other:\n    dataset: mnist\n' | profiles.other | unknown field
            seeds too few           | 'seeds: 9 '                 | 'seeds: 1 '             | profiles.quick.seeds | out of range
            malformed id            | 'id: LTH-3'                 | 'id: three'             | id         | not of the form
            """)
    void badClaimFileNamesFileAndField(String name, String from, String to, String field, String words, @TempDir Path dir)
            throws IOException {
        String text = Files.readString(REAL);
        String once = from.replace("\n", "\n");
        assertThat(text).as("fixture text for '" + name + "'").contains(once);
        Path bad = dir.resolve("LTH-3.yaml");
        Files.writeString(bad, text.replaceFirst(java.util.regex.Pattern.quote(once),
                java.util.regex.Matcher.quoteReplacement(to.replace("\n", "\n"))));
        assertThatThrownBy(() -> ClaimFiles.load(bad))
                .isInstanceOf(ClaimFileException.class)
                .hasMessageStartingWith("LTH-3.yaml: field '" + field + "'")
                .hasMessageContaining(words);
    }

    @Test
    @DisplayName("a profile block missing (no nightly block) names the profile")
    void profileBlockMissing(@TempDir Path dir) throws IOException {
        String text = Files.readString(REAL);
        int at = text.indexOf("  nightly:\n    dataset:");
        assertThat(at).isPositive();
        int end = text.indexOf("\n", text.indexOf("seeds:", at)) + 1;
        Path bad = dir.resolve("LTH-3.yaml");
        Files.writeString(bad, text.substring(0, at) + text.substring(end));
        assertThatThrownBy(() -> ClaimFiles.load(bad)).isInstanceOf(ClaimFileException.class)
                .hasMessage("LTH-3.yaml: field 'profiles.nightly': missing (required)");
    }

    @Test
    @DisplayName("a YAML syntax error names the file, line and column")
    void yamlSyntaxError(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("broken.yaml");
        Files.writeString(bad, "id: LTH-9\ntitle: [unclosed\n");
        assertThatThrownBy(() -> ClaimFiles.load(bad)).isInstanceOf(ClaimFileException.class)
                .hasMessageStartingWith("broken.yaml: not valid YAML at line");
    }

    @Test
    @DisplayName("an empty claim file is an error, not a claim with no cases")
    void emptyFile(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("empty.yaml");
        Files.writeString(bad, "");
        assertThatThrownBy(() -> ClaimFiles.load(bad)).hasMessage("empty.yaml: is empty");
    }

    @Test
    @DisplayName("disclosure is optional: the LeNet files disclose the seeds raised after a first look, the others say nothing")
    void disclosure() {
        var all = ClaimFiles.loadAll(Path.of("claims"));
        for (String id : java.util.List.of("LTH-1", "LTH-2", "LTH-3", "LTH-5", "LMC-1")) {
            assertThat(all.get(id).disclosure("quick")).as(id).contains("5 seeds").contains("raised once to 8")
                    .contains("the pilot").contains("fresh seeds 101..").doesNotContain("\n");
            assertThat(all.get(id).disclosure("nightly")).as(id + " nightly: its seeds were never changed").isEmpty();
        }
        assertThat(all.get("LTH-6").disclosure("quick")).isEmpty();
    }

    @Test
    @DisplayName("a disclosure given as text concerns every profile; per profile, only the file's profiles are allowed")
    void disclosureForms(@TempDir Path dir) throws IOException {
        String text = Files.readString(Path.of("claims", "LTH-6.yaml")).replaceFirst("(?m)^profiles:", "disclosure: levels moved\nprofiles:");
        Path f = Files.writeString(dir.resolve("LTH-6.yaml"), text);
        assertThat(ClaimFiles.load(f).disclosure("quick")).isEqualTo("levels moved");
        assertThat(ClaimFiles.load(f).disclosure("nightly")).isEqualTo("levels moved");
        Files.writeString(f, text.replace("disclosure: levels moved", "disclosure: {weekly: levels moved}"));
        assertThatThrownBy(() -> ClaimFiles.load(f)).hasMessageStartingWith("LTH-6.yaml: field 'disclosure.weekly'");
    }

    @Test
    @DisplayName("two claim files with one id are rejected, naming both")
    void duplicateIds(@TempDir Path dir) throws IOException {
        Files.copy(REAL, dir.resolve("a.yaml"));
        Files.copy(REAL, dir.resolve("b.yaml"));
        assertThatThrownBy(() -> ClaimFiles.loadAll(dir)).isInstanceOf(ClaimFileException.class)
                .hasMessage("b.yaml: field 'id': 'LTH-3' is also the id of a.yaml");
    }

    @Test
    @DisplayName("an unknown profile is a clear error")
    void unknownProfile() {
        System.setProperty("lth.profile", "weekly");
        try {
            assertThatThrownBy(Profiles::active).hasMessageContaining("-Dlth.profile=weekly is not a profile");
        } finally {
            System.clearProperty("lth.profile");
        }
    }

    @Test
    @DisplayName("the reduced block is optional: without it the claim has no reduced levels; with it, pilot seeds are disjoint from the confirmatory ones")
    void reducedBlock(@TempDir Path dir) throws IOException {
        ClaimSpec lth3 = ClaimFiles.load(REAL);
        assertThat(lth3.has("reduced")).isFalse();
        ClaimSpec lth12 = ClaimFiles.load(Path.of("claims", "LTH-12.yaml"));
        assertThat(lth12.has("reduced")).isTrue();
        ClaimSpec.ProfileSpec r = lth12.profiles().get("reduced");
        assertThat(r.pilotSeeds()).isNotEmpty().allMatch(s -> s > r.seeds());
        assertThat(r.testAtEsAndEnd()).isTrue();
        String text = Files.readString(Path.of("claims", "LTH-12.yaml"));
        Path bad = dir.resolve("LTH-12.yaml");
        Files.writeString(bad, text.replace("pilot_seeds: [1001, 1002, 1003]", "pilot_seeds: [2, 1002]"));
        assertThatThrownBy(() -> ClaimFiles.load(bad)).isInstanceOf(ClaimFileException.class)
                .hasMessageStartingWith("LTH-12.yaml: field 'profiles.reduced.pilot_seeds'")
                .hasMessageContaining("never reused");
        Files.writeString(bad, text.replace("levels: {quick: [12, 15], reduced: [15], nightly:", "levels: {quick: [12, 15], nightly:"));
        assertThatThrownBy(() -> ClaimFiles.load(bad)).hasMessageStartingWith("LTH-12.yaml: field 'comparisons[0].levels.reduced': missing");
    }

    @Test
    @DisplayName("train_images cuts a profile's training split: the dataset id and so the run keys say so; a bad size names the field")
    void trainImages(@TempDir Path dir) throws IOException {
        String text = Files.readString(Path.of("claims", "LTH-12.yaml"));
        Path f = dir.resolve("LTH-12.yaml");
        Files.writeString(f, text.replace("    pilot_seeds: [1001, 1002, 1003]", "    pilot_seeds: [1001, 1002, 1003]\n    train_images: 10000"));
        ClaimSpec cut = ClaimFiles.load(f);
        assertThat(cut.profiles().get("reduced").dataset()).isEqualTo("fashion-mnist@10000");
        assertThat(Setups.of(cut, "reduced").canonical()).contains("|data=fashion-mnist@10000|")
                .isNotEqualTo(Setups.of(ClaimFiles.load(Path.of("claims", "LTH-12.yaml")), "reduced").canonical());
        Files.writeString(f, text.replace("    pilot_seeds: [1001, 1002, 1003]", "    pilot_seeds: [1001, 1002, 1003]\n    train_images: 5"));
        assertThatThrownBy(() -> ClaimFiles.load(f)).hasMessageStartingWith("LTH-12.yaml: field 'profiles.reduced.train_images'");
    }

    @Test
    @DisplayName("a warmup override is per profile, or one number no longer than any profile's training")
    void warmupOverridePerProfile(@TempDir Path dir) throws IOException {
        ClaimSpec stab3 = ClaimFiles.load(Path.of("claims", "STAB-3.yaml"));
        assertThat(stab3.comparisons().get(0).aOverrides().warmup("reduced")).isEqualTo(89);
        assertThat(stab3.comparisons().get(0).aOverrides().warmup("nightly")).isEqualTo(10000);
        assertThat(Setups.of(stab3, "reduced", stab3.comparisons().get(0).aOverrides()).canonical())
                .as("STAB-3's warmup arm is LTH-12's setup: they share the trunk")
                .isEqualTo(Setups.of(ClaimFiles.load(Path.of("claims", "LTH-12.yaml")), "reduced").canonical());
        String text = Files.readString(Path.of("claims", "STAB-3.yaml"));
        Path bad = dir.resolve("STAB-3.yaml");
        Files.writeString(bad, text.replace("{warmup: {quick: 89, reduced: 89, nightly: 10000}}", "{warmup: 10000}"));
        assertThatThrownBy(() -> ClaimFiles.load(bad)).hasMessageStartingWith("STAB-3.yaml: field 'comparisons[0].overrides.warmup'")
                .hasMessageContaining("per profile");
    }

    @Test
    @DisplayName("a profile may change the setup and the rewind point: STAB-1's reduced tier is VGG-19 rewound to 100, its reset arm LTH-10's ticket")
    void profileSetupAndRewind(@TempDir Path dir) throws IOException {
        ClaimSpec stab1 = ClaimFiles.load(Path.of("claims", "STAB-1.yaml"));
        assertThat(stab1.setup().model()).isEqualTo("resnet-20");
        assertThat(stab1.forProfile("nightly")).isSameAs(stab1);
        ClaimSpec reduced = stab1.forProfile("reduced");
        assertThat(reduced.setup().model()).isEqualTo("vgg-19");
        assertThat(reduced.setup().batch()).isEqualTo(64);
        assertThat(reduced.setup().lr()).as("fields the profile leaves out stay the claim's").isEqualTo(stab1.setup().lr());
        ClaimSpec.Comparison c = reduced.comparisons().get(0);
        assertThat(c.a().label()).isEqualTo("ticket@100");
        assertThat(c.b().label()).isEqualTo("ticket");
        ClaimSpec lth10 = ClaimFiles.load(Path.of("claims", "LTH-10.yaml"));
        assertThat(Setups.spec(reduced, "reduced", c, false, 15, 1).hash()).as("the reset arm is LTH-10's ticket")
                .isEqualTo(Setups.spec(lth10, "reduced", lth10.comparisons().get(0), true, 15, 1).hash());
        assertThat(ProfileClaim.of(stab1, "reduced").cases()).allSatisfy(k -> assertThat(k.claim().setup().model()).isEqualTo("vgg-19"));

        String text = Files.readString(Path.of("claims", "STAB-1.yaml"));
        Path bad = dir.resolve("STAB-1.yaml");
        Files.writeString(bad, text.replace("rewind: 100 ", "rewind: 1000 "));
        assertThatThrownBy(() -> ClaimFiles.load(bad)).hasMessageStartingWith("STAB-1.yaml: field 'profiles.reduced.rewind'")
                .hasMessageContaining("out of range");
        Files.writeString(bad, text.replace("    rewind: 100 ", "    # rewind: 100 ").replace("a: ticket@500", "a: ticket@1000"));
        assertThatThrownBy(() -> ClaimFiles.load(bad)).hasMessageStartingWith("STAB-1.yaml: field 'profiles.reduced.rewind'")
                .hasMessageContaining("'ticket@1000' rewinds to iteration 1000, not before the reduced profile's 1000");
        String lth10text = Files.readString(Path.of("claims", "LTH-10.yaml"));
        Path bad10 = dir.resolve("LTH-10.yaml");
        Files.writeString(bad10, lth10text.replace("    eval_every: 100\n    rounds_per_level: 5", "    eval_every: 100\n    rewind: 100\n    rounds_per_level: 5"));
        assertThatThrownBy(() -> ClaimFiles.load(bad10)).hasMessageStartingWith("LTH-10.yaml: field 'profiles.reduced.rewind'")
                .hasMessageContaining("no comparison has a rewound arm");
        Files.writeString(bad, text.replace("      name: vgg-19 / Fashion-MNIST", "      # name: vgg-19 / Fashion-MNIST"));
        assertThatThrownBy(() -> ClaimFiles.load(bad)).hasMessageStartingWith("STAB-1.yaml: field 'profiles.reduced.setup.name'");
        Files.writeString(bad, text.replace("      model: vgg-19", "      model: vgg-91"));
        assertThatThrownBy(() -> ClaimFiles.load(bad)).hasMessageStartingWith("STAB-1.yaml: field 'profiles.reduced.setup.model'");
    }

    @Test
    @DisplayName("first_seed moves the confirmatory seeds past a pilot run on 1..N: they never overlap, and bad input names the file and field")
    void firstSeed(@TempDir Path dir) throws IOException {
        String text = Files.readString(Path.of("claims", "LTH-12.yaml"));
        Path f = dir.resolve("LTH-12.yaml");
        Files.writeString(f, text.replace("    pilot_seeds: [1001, 1002, 1003]", "    pilot_seeds: [1, 2, 3]\n    first_seed: 101"));
        ClaimSpec c = ClaimFiles.load(f);
        ClaimSpec.ProfileSpec p = c.profiles().get("reduced");
        assertThat(p.firstSeed()).isEqualTo(101);
        assertThat(p.confirmatorySeeds()).hasSize(p.seeds()).startsWith(101L).doesNotContainAnyElementsOf(p.pilotSeeds());
        assertThat(p.confirmatoryRange()).isEqualTo("101.." + (100 + p.seeds()));
        assertThat(SeedSelection.of(c, p, null)).isEqualTo(p.confirmatorySeeds());
        assertThat(SeedSelection.of(c, p, "101-102")).containsExactly(101L, 102L);
        assertThat(SeedSelection.of(c, p, "pilot")).containsExactly(1L, 2L, 3L);
        assertThatThrownBy(() -> SeedSelection.of(c, p, "2")).hasMessageContaining("not one of LTH-12's confirmatory seeds 101..")
                .hasMessageContaining("LTH-12.yaml").hasMessageContaining("it is a pilot seed");
        assertThatThrownBy(() -> SeedSelection.of(c, p, "100-101")).hasMessageContaining("seed 100 is not one of");
        assertThat(ClaimFiles.load(Path.of("claims", "LTH-12.yaml")).profiles().get("reduced").firstSeed())
                .as("without first_seed the confirmatory seeds start at 1").isEqualTo(1);

        Files.writeString(f, text.replace("    pilot_seeds: [1001, 1002, 1003]", "    pilot_seeds: [1, 2, 102]\n    first_seed: 101"));
        assertThatThrownBy(() -> ClaimFiles.load(f)).isInstanceOf(ClaimFileException.class)
                .hasMessageStartingWith("LTH-12.yaml: field 'profiles.reduced.pilot_seeds'")
                .hasMessageContaining("pilot seed 102 is also a confirmatory seed (101..").hasMessageContaining("never reused");
        Files.writeString(f, text.replace("    pilot_seeds: [1001, 1002, 1003]", "    pilot_seeds: [1, 2, 2]\n    first_seed: 101"));
        assertThatThrownBy(() -> ClaimFiles.load(f)).hasMessageStartingWith("LTH-12.yaml: field 'profiles.reduced.pilot_seeds'")
                .hasMessageContaining("listed twice");
        Files.writeString(f, text.replace("    pilot_seeds: [1001, 1002, 1003]", "    pilot_seeds: [1, 2, 3]\n    first_seed: 0"));
        assertThatThrownBy(() -> ClaimFiles.load(f)).hasMessageStartingWith("LTH-12.yaml: field 'profiles.reduced.first_seed'")
                .hasMessageContaining("out of range");
        Files.writeString(f, text.replace("    pilot_seeds: [1001, 1002, 1003]", "    pilot_seeds: [1, 2, 3]\n    first_seed: one"));
        assertThatThrownBy(() -> ClaimFiles.load(f)).hasMessageStartingWith("LTH-12.yaml: field 'profiles.reduced.first_seed'")
                .hasMessageContaining("expected an integer");
    }

    @Test
    @DisplayName("the LeNet quick designs: the pilot on seeds 1..8, confirmatory seeds fresh and from one first seed (one shared trunk)")
    void leNetQuickDesigns() {
        for (String id : List.of("LTH-1", "LTH-2", "LTH-3", "LTH-5", "LMC-1")) {
            ClaimSpec c = ClaimFiles.load(Path.of("claims", id + ".yaml"));
            ClaimSpec.ProfileSpec q = c.profiles().get("quick");
            assertThat(q.pilotSeeds()).as(id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            assertThat(q.confirmatorySeeds()).as(id).doesNotContainAnyElementsOf(q.pilotSeeds()).startsWith(101L);
            assertThat(SeedSelection.of(c, q, null)).as(id + ": the default run is the confirmatory one").isEqualTo(q.confirmatorySeeds());
            for (int ci = 0; ci < c.comparisons().size(); ci++)
                assertThat(c.comparisons().get(ci).levels().get("quick")).as(id + " comparison " + ci + ": one primary level").hasSize(1);
        }
    }

    @Test
    @DisplayName("-Dlth.seeds selects a group of the confirmatory seeds or the pilot's, and nothing else")
    void seedSelection() {
        ClaimSpec c = ClaimFiles.load(Path.of("claims", "LTH-12.yaml"));
        ClaimSpec.ProfileSpec p = c.profiles().get("reduced");
        assertThat(SeedSelection.of(c, p, null)).hasSize(p.seeds()).startsWith(1L);
        assertThat(SeedSelection.of(c, p, "1-3")).containsExactly(1L, 2L, 3L);
        assertThat(SeedSelection.of(c, p, "2, 1")).containsExactly(1L, 2L);
        assertThat(SeedSelection.of(c, p, "pilot")).isEqualTo(p.pilotSeeds());
        assertThatThrownBy(() -> SeedSelection.of(c, p, "1001")).hasMessageContaining("not one of LTH-12's confirmatory seeds");
        assertThatThrownBy(() -> SeedSelection.of(c, p, "3-1")).hasMessageContaining("is not a seed");
        assertThatThrownBy(() -> SeedSelection.of(c, c.profiles().get("quick"), "pilot")).hasMessageContaining("no pilot_seeds");
    }
}
