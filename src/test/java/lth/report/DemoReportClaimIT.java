package lth.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.qameta.allure.model.Status;
import lth.report.Charts.ArmSeries;
import lth.report.Charts.PaperPoint;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Throwaway: exercises the report build end to end. */
class DemoReportClaimIT {
    @ParameterizedTest(name = "{0} at Pm={1}")
    @CsvSource({"lenet-300-100, 21.1, pass", "conv-2, 7.0, fail", "conv-4, 3.6, inconclusive",
            "conv-6, 1.9, missing", "vgg-19, 1.0, broken"})
    void demo(String network, double pm, String outcome) {
        AllureClaimReport.labels("Frankle & Carbin 2019", "C1", "Winning tickets learn faster", network);
        AllureClaimReport.parameter("seeds", 3);
        AllureClaimReport.describeClaim("Winning tickets reach higher test accuracy than the original network.",
                "Figure 3", null, null);
        double[] pms = {100, 51.3, 21.1, 7.0, 3.6, 1.9};
        double[][] seeds = {{.980, .981, .979}, {.982, .983, .981}, {.983, .984, .982}, {.981, .982, .980},
            {.978, .980, .976}, {.970, .973, .965}};
        double[][] rand = {{.980, .981, .979}, {.978, .979, .975}, {.970, .973, .968}, {.955, .96, .95},
            {.94, .945, .93}, {.92, .93, .91}};
        AllureClaimReport.step("train", () -> {
            byte[] png = Charts.metricVsPm("Test accuracy vs Pm (" + network + ")", "test accuracy",
                    List.of(new ArmSeries("winning ticket", pms, seeds), new ArmSeries("random reinit", pms, rand)),
                    List.of(new PaperPoint("paper: winning ticket", 51.3, .984), new PaperPoint("paper: winning ticket", 7.0, .982),
                            new PaperPoint("paper: random reinit", 7.0, .96)), true);
            AllureClaimReport.attachPng("accuracy vs Pm", png);
        });
        AllureClaimReport.attachPng("loss", Charts.curve("Validation loss", "iteration", "loss",
                Map.of("Pm 100", new double[][] {{0, 1000, 2000}, {0.5, 0.2, 0.1}})));
        List<List<?>> rows = List.of(List.of("accuracy", 0.984, 0.983), List.of("<early stop>", 9000, 8000));
        AllureClaimReport.attachHtml("paper vs measured", Tables.html(List.of("quantity", "paper", "measured"), rows));
        AllureClaimReport.attachCsv("values.csv", Csv.toString(List.of("quantity", "paper", "measured"), rows));
        AllureClaimReport.attachText("provenance", Provenance.collect().text());
        AllureClaimReport.step("accuracy within 0.5%", Status.PASSED, "measured 0.983 vs paper 0.984");
        AllureClaimReport.describeClaim("Winning tickets reach higher test accuracy than the original network.",
                "Figure 3", outcome.equals("pass") ? "REPRODUCED" : outcome.toUpperCase(),
                Tables.markdown(List.of("quantity", "paper", "measured"), rows));
        switch (outcome) {
            case "fail" -> assertTrue(false, "NOT REPRODUCED: accuracy 0.95 < paper 0.98");
            case "inconclusive" -> Assumptions.assumeTrue(false, "INCONCLUSIVE: power 0.3 < 0.8");
            case "missing" -> Assumptions.assumeTrue(false, "SKIPPED: CIFAR-10 not in store");
            case "broken" -> throw new IllegalStateException("native crash");
            default -> { }
        }
    }
}
