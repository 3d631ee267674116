package lth.experiment;

import lth.model.ModelSpec;
import lth.model.Optimizer;
import lth.prune.Rates;
import lth.train.TrainConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StepTimesTest {
    private static Setup setup(String model, double width, int batch, String data, int iterations) {
        return new Setup("s", new ModelSpec(model, width), data, Optimizer.adam(1e-3), new TrainConfig(iterations, batch, 50),
                new Rates(0.2, 0.2, 0.1), lth.prune.Scope.LAYERWISE, 1);
    }

    @Test
    @DisplayName("estimates only from a measured model, width, batch and input; θ_k and rewound runs count their own iterations")
    void estimates() {
        assertThat(StepTimes.seconds(setup("lenet-300-100", 1.0, 60, "mnist-10k", 1500))).hasValueSatisfying(s ->
                assertThat(s).isCloseTo(3.9, org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(StepTimes.seconds(setup("conv-2-dropout", 1.0, 60, "cifar10", 100))).hasValueSatisfying(s ->
                assertThat(s).isCloseTo(19.2, org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(StepTimes.seconds(setup("conv-2", 0.25, 60, "fashion-mnist", 1000))).as("the reduced tier's conv-2, from its pilot")
                .hasValueSatisfying(s -> assertThat(s).isCloseTo(29.5, org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(StepTimes.seconds(setup("conv-6", 0.5, 60, "fashion-mnist", 1000))).as("not measured: no guess").isEmpty();
        assertThat(StepTimes.seconds(setup("lenet-300-100", 1.0, 128, "mnist", 1000))).isEmpty();
        Setup s = setup("lenet-300-100", 1.0, 60, "mnist", 1000);
        assertThat(StepTimes.seconds(new RunSpec(s, 1, Arm.TICKET, 0, 100))).hasValueSatisfying(v ->
                assertThat(v).isCloseTo(0.26, org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(StepTimes.seconds(new RunSpec(s, 1, Arm.TICKET, 1, 100))).hasValueSatisfying(v ->
                assertThat(v).isCloseTo(2.34, org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(StepTimes.wall(10, 4.0, 2, 8)).isEqualTo(20.0);
        assertThat(StepTimes.wall(10, 4.0, 2, 1)).as("one seed: one chain at a time").isEqualTo(40.0);
    }

    @Test
    void format() {
        assertThat(StepTimes.format(3.94)).isEqualTo("3.9s");
        assertThat(StepTimes.format(45)).isEqualTo("45s");
        assertThat(StepTimes.format(750)).isEqualTo("12m30s");
        assertThat(StepTimes.format(3 * 3600 + 300)).isEqualTo("3h05m");
        assertThat(StepTimes.format(3 * 86400)).isEqualTo("3.0 days");
    }
}
