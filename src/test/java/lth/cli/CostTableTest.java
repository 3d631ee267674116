package lth.cli;

import lth.claim.ClaimDirectory;
import lth.claim.ClaimFiles;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/nightly.md's cost table is what {@code scripts/lth cost} prints from today's claims, workflow and step times. */
class CostTableTest {
    @Test
    @DisplayName("docs/nightly.md holds the cost table as generated (else: scripts/lth cost, paste between its markers)")
    void docIsGenerated() throws IOException {
        String table = CostCommand.markdown(ClaimDirectory.scan(ClaimFiles.directory()),
                CostCommand.shards(Path.of(".github/workflows/nightly.yml")), List.of(1, 2, 3, 6), 0.5);
        String doc = Files.readString(Path.of("docs/nightly.md"));
        int from = doc.indexOf("<!-- BEGIN cost table"), to = doc.indexOf("<!-- END cost table -->");
        assertThat(from).as("docs/nightly.md has the cost table's markers").isNotNegative();
        assertThat(doc.substring(from, to + "<!-- END cost table -->\n".length()))
                .as("docs/nightly.md's cost table is stale: regenerate it with scripts/lth cost").isEqualTo(table);
    }

    @Test
    @DisplayName("every nightly shard's claims are costed and every shard has a budget below its job's timeout")
    void everyShardHasABudget() throws IOException {
        List<CostCommand.Shard> shards = CostCommand.shards(Path.of(".github/workflows/nightly.yml"));
        assertThat(shards).extracting(CostCommand.Shard::name).contains("lenet", "vgg19-warmup", "imagenet");
        assertThat(shards).allSatisfy(s -> assertThat(s.budgetMinutes()).isBetween(1.0, 1440.0 - 120));
        assertThat(shards).flatExtracting(CostCommand.Shard::claims).doesNotContain("CAL-1");
    }
}
