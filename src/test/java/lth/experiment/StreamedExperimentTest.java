package lth.experiment;

import lth.data.ImageNet;
import lth.data.ImageNetFixtures;
import lth.data.ImageNetSplits;
import lth.data.ImageNetTransform;
import lth.model.ModelSpec;
import lth.model.Optimizer;
import lth.prune.Rates;
import lth.train.TrainConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** STAB-2's shape on a streamed JPEG fixture: ResNet-50, global pruning, a ticket rewound to iteration k, through the store. */
class StreamedExperimentTest {
    @Test
    @DisplayName("a rewound ResNet-50 ticket on streamed ImageNet: dense, θ_k and the pruned chain train and store; pruned weights are 0")
    void rewoundTicketOnStreamedImageNet(@TempDir Path dir) {
        ImageNet in = ImageNet.open(ImageNetFixtures.write(dir.resolve("imagenet"), 10, 2), "test", ImageNet.Counts.ANY);
        ImageNetSplits data = ImageNetSplits.of(in, ImageNetTransform.View.ofSize(32));
        Setup setup = new Setup("resnet-50 / fixture", new ModelSpec("resnet-50", 1.0 / 16), "imagenet",
                Optimizer.sgd(0.05).withSchedule(2, new int[]{6}, 0.1), new TrainConfig(8, 4, 4), new Rates(0.2, 0.2, 0), lth.prune.Scope.GLOBAL, 1);
        Experiment ex = new Experiment(data, new RunStore(dir.resolve("store")), Executors.newFixedThreadPool(2));
        RunSpec rewound = new RunSpec(setup, 1, Arm.TICKET, 1, 2);
        assertThat(ex.missing(java.util.List.of(rewound))).as("itself, θ_2 and the dense net").isEqualTo(3);
        StoredRun run = ex.stored(rewound);
        StoredRun dense = ex.stored(new RunSpec(setup, 1, Arm.TICKET, 0));
        assertThat(run.metrics().pmPercent()).isLessThan(100).isGreaterThan(75);
        assertThat(run.metrics().evalIterations()).containsExactly(4, 8);
        assertThat(dense.metrics().pmPercent()).isEqualTo(100);
        Map<String, float[]> keep = run.state().keep(), weights = run.state().weights();
        int pruned = 0;
        for (var e : keep.entrySet())
            for (int i = 0; i < e.getValue().length; i++)
                if (e.getValue()[i] == 0) {
                    pruned++;
                    assertThat(weights.get(e.getKey())[i]).as("pruned weight of %s", e.getKey()).isZero();
                }
        assertThat(pruned).isPositive();
        assertThat(ex.missing(java.util.List.of(rewound))).isZero();
    }
}
