package lth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The harness's command line ({@code scripts/lth}): list the claims and their plans with an estimated
 * cost, train or inspect one run (claim, arm, level, seed, profile), print a stored run's metrics, and
 * export the verdicts of a results directory as JSON and CSV.
 *
 * <pre>
 *   lth claims [--profile P] [ID...]
 *   lth pieces [--profile P] [--store DIR] [--minutes M] [ID...]
 *   lth run  --claim ID --arm A [--level L] --seed S [--profile P] [--store DIR]
 *   lth show --claim ID --arm A [--level L] --seed S [--profile P] [--store DIR] [--evaluations] [--json]
 *   lth export RESULTS_DIR [--json FILE] [--csv FILE]
 *   lth cost [--workflow FILE] [--runners 1,2,3,6] [--overhead HOURS]
 * </pre>
 *
 * Errors (a claim, arm or run that does not exist, a malformed claim file, missing data) print one line
 * naming what is wrong and exit 1; bad arguments print the usage and exit 2.
 */
@Command(name = "lth", mixinStandardHelpOptions = true, version = "lth-repro 0.1.0",
        description = "Claims, plans, single runs and verdict exports of the lth-repro harness.",
        subcommands = {ClaimsCommand.class, PiecesCommand.class, CostCommand.class, RunCommand.class, ShowCommand.class, ExportCommand.class,
                CommandLine.HelpCommand.class})
public final class Lth implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: claims, pieces, cost, run, show, export (or help)");
    }

    /** The command line with the harness's error handling: a failure is one line naming its cause, exit 1. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Lth());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Throwable t = ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null ? ex.getCause() : ex;
            cmd.getErr().println("lth " + cmd.getCommandName() + ": " + (t.getMessage() != null ? t.getMessage() : t.toString()));
            if (Boolean.getBoolean("lth.debug")) t.printStackTrace(cmd.getErr());
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
