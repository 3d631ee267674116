package lth.claim;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Combinations the engine would not train as a claim file says are rejected at load, naming the file and field. */
class ClaimChecksTest {
    /** Each row: a claim file, replacements applied in order (";;" between "from=>to" pairs), the field and words of the error. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            global, conv and fc rates differ        | LTH-10 | 'fc: 0.2, output=>fc: 0.3, output' | setup.rates.fc | differ
            global, output at its own rate           | LTH-10 | 'output: 0.0}=>output: 0.1}' | setup.rates.output | output layer
            global, no conv or fc rate               | LTH-10 | '{conv: 0.2, fc: 0.2,=>{conv: 0.0, fc: 0.0,' | setup.rates | non-zero conv or fc
            global only by an arm's scope override   | LTH-13 | 'scope: global=>scope: layerwise;;{scope: layerwise}=>{scope: global};;fc: 0.2, output=>fc: 0.3, output' | setup.rates.fc | comparisons[0].b_overrides.scope
            one-shot under global scope              | LTH-5  | 'scope: layerwise=>scope: global' | comparisons[0].a | one-shot pruning is layer-wise only
            one-shot under an arm's global override  | LTH-5  | '    a: oneshot=>    a: oneshot\\n    a_overrides: {scope: global}' | comparisons[0].a | one-shot pruning is layer-wise only
            rewinding an Adam network                | LTH-3  | '  a: ticket=>  a: ticket@100' | comparisons[0].a | rewinds an Adam network
            """)
    void rejectedAtLoad(String name, String claim, String edits, String field, String words, @TempDir Path dir) throws IOException {
        String text = Files.readString(Path.of("claims", claim + ".yaml"));
        for (String edit : edits.split(";;")) {
            String from = edit.substring(0, edit.indexOf("=>")).replace("\\n", "\n");
            String to = edit.substring(edit.indexOf("=>") + 2).replace("\\n", "\n");
            if (!text.contains(from)) throw new AssertionError(claim + ".yaml has no '" + from + "' (fixture for '" + name + "')");
            text = text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
        }
        Path bad = Files.writeString(dir.resolve(claim + ".yaml"), text);
        assertThatThrownBy(() -> ClaimFiles.load(bad)).isInstanceOf(ClaimFileException.class)
                .hasMessageStartingWith(claim + ".yaml: field '" + field + "'")
                .hasMessageContaining(words);
    }
}
