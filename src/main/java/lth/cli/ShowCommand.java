package lth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import lth.experiment.RunSpec;
import lth.experiment.RunStore;
import lth.experiment.StoredRun;
import lth.train.RunMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lth show}: a stored run's metrics, without training; an error naming the run's key when it is not stored. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print a stored run's metrics without training (error naming the key if it is not in the store).")
public final class ShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunSelection run;

    @Option(names = "--evaluations", description = "also print every evaluation (iteration, validation loss and accuracy, test accuracy)")
    boolean evaluations;

    @Option(names = "--json", description = "print the key, the configuration and the metrics as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RunSpec s = run.spec();
        if (!Files.isDirectory(run.store))
            throw new IllegalArgumentException("no run store at " + run.store.toAbsolutePath() + " (give one with --store DIR)");
        StoredRun stored = new RunStore(run.store).get(s).orElseThrow(() -> new IllegalArgumentException("no run " + s.hash()
                + " (" + run.describe(s) + ") in the store " + run.store.toAbsolutePath() + "; train it with `lth run` (same options)"
                + "\n  its configuration: " + s.canonical()));
        print(spec.commandLine().getOut(), run.describe(s), s, stored, "stored", evaluations, json);
        return 0;
    }

    /** A run's metrics as text (or JSON): what {@code show} and {@code run} print. */
    static void print(PrintWriter out, String title, RunSpec s, StoredRun r, String how, boolean evaluations, boolean json) throws Exception {
        RunMetrics m = r.metrics();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("run", title);
            doc.put("key", s.hash());
            doc.put("configuration", s.canonical());
            doc.put("kept_per_layer", r.keptPerLayer());
            doc.put("metrics", m);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
            out.flush();
            return;
        }
        int last = m.evalIterations().length == 0 ? 0 : m.evalIterations()[m.evalIterations().length - 1];
        out.printf("%s (%s)%n", title, how);
        out.printf("  key                 %s%n", s.hash());
        out.printf("  configuration       %s%n", s.canonical());
        out.printf("  weights remaining   %.2f%% (%s)%n", m.pmPercent(), r.keptPerLayer());
        out.printf("  early stop          iteration %d of %d (minimum validation loss %.4f)%n", m.esIteration(), last,
                m.metric("min_validation_loss"));
        out.printf("  test accuracy       %.2f%% at early stop, %.2f%% at the end%n", m.testAccuracyAtEs(), m.testAccuracyFinal());
        out.printf("  diverged            %s%n", m.diverged() ? "yes (counted as not learning)" : "no");
        out.printf("  training time       %.1f s%n", m.seconds());
        if (evaluations) {
            out.printf("  %9s  %9s  %8s  %8s%n", "iteration", "val loss", "val acc", "test acc");
            for (int i = 0; i < m.evalIterations().length; i++)
                out.printf("  %9d  %9.4f  %7.2f%%  %s%n", m.evalIterations()[i], m.valLoss()[i], m.valAccuracy()[i],
                        i < m.testAccuracy().length && !Double.isNaN(m.testAccuracy()[i]) ? "%7.2f%%".formatted(m.testAccuracy()[i]) : "       —");
        }
        out.flush();
    }
}
