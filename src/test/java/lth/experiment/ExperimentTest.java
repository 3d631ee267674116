package lth.experiment;

import lth.model.ModelSpec;
import lth.model.Optimizer;
import lth.prune.Rates;
import lth.train.TinyData;
import lth.train.TrainConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class ExperimentTest {
    static final Setup SETUP = new Setup("tiny", new ModelSpec("lenet-300-100", 1.0), "tiny", Optimizer.adam(1.2e-3),
            new TrainConfig(30, 20, 10), new Rates(0, 0.2, 0.1), "layerwise", 2);

    @Test
    @DisplayName("reinit keeps the ticket's mask and draws other weights; one-shot and random have the ticket's counts")
    void controlsShareTheTicketsMask(@TempDir Path dir) {
        Experiment ex = new Experiment(TinyData.splits(), new RunStore(dir), Executors.newFixedThreadPool(2));
        StoredRun ticket = ex.stored(new RunSpec(SETUP, 1, Arm.TICKET, 2));
        StoredRun reinit = ex.stored(new RunSpec(SETUP, 1, Arm.REINIT, 2));
        StoredRun oneshot = ex.stored(new RunSpec(SETUP, 1, Arm.ONESHOT, 2));
        StoredRun random = ex.stored(new RunSpec(SETUP, 1, Arm.RANDOM, 2));
        assertThat(reinit.keptPerLayer()).isEqualTo(ticket.keptPerLayer());
        assertThat(oneshot.keptPerLayer()).isEqualTo(ticket.keptPerLayer());
        assertThat(random.keptPerLayer()).isEqualTo(ticket.keptPerLayer());
        assertThat(reinit.metrics().valLoss()).as("fresh weights train differently").isNotEqualTo(ticket.metrics().valLoss());
        assertThat(ticket.metrics().pmPercent()).isCloseTo(100.0 * (Rates.survivors(235200, 0.36, 1)
                + Rates.survivors(30000, 0.36, 1) + Rates.survivors(1000, 0.19, 1)) / 266200, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    @DisplayName("a finished run is read back from the store bit for bit instead of being trained again")
    void storeReuse(@TempDir Path dir) {
        RunSpec spec = new RunSpec(SETUP, 3, Arm.TICKET, 2);
        Experiment first = new Experiment(TinyData.splits(), new RunStore(dir), Executors.newFixedThreadPool(2));
        Outcome trained = first.run(spec).join();
        Experiment second = new Experiment(TinyData.splits(), new RunStore(dir), Executors.newFixedThreadPool(2));
        Outcome reused = second.run(spec).join();
        assertThat(trained.cached()).isFalse();
        assertThat(reused.cached()).isTrue();
        assertThat(reused.metrics().valLoss()).isEqualTo(trained.metrics().valLoss());
        assertThat(second.missing(java.util.List.of(spec))).isZero();
    }
}
