package lth.evaluation;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A claim whose runs a budgeted night did not finish: IN PROGRESS, not a verdict. How many of the runs it
 * needs (its plan's, with those they start from) are stored, the estimated training time the others have
 * left in {@code unit} ("GPU-hours" on a GPU backend, else "CPU-hours": one worker each), {@code unknown}
 * runs without an estimate (not in the sum), what the estimates come from (basis → runs), and the budget.
 */
public record ClaimProgress(int runsDone, int runsNeeded, double secondsLeft, int unknown, Map<String, Integer> basis,
                            String unit, String budget) {
    public ClaimProgress {
        basis = Map.copyOf(basis);
    }

    public double hoursLeft() { return secondsLeft / 3600; }

    /** "40 of 95 runs done; ≈ 22.4 GPU-hours of training left (estimated from: runs measured here 55)". */
    public String text() {
        String left = runsDone == runsNeeded ? "" : "; ≈ %s %s of training left".formatted(hours(hoursLeft()), unit)
                + (hoursLeft() < 0.1 && secondsLeft > 0 ? " (" + lth.experiment.StepTimes.format(secondsLeft) + ")" : "")
                + (unknown > 0 ? " and " + unknown + " run" + (unknown == 1 ? "" : "s") + " without an estimate" : "")
                + (basis.isEmpty() ? "" : " (estimated from: " + basis.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")");
        return runsDone + " of " + runsNeeded + " runs done" + left;
    }

    static String hours(double h) {
        return String.format(Locale.ROOT, h < 1 ? "%.2f" : h < 10 ? "%.1f" : "%.0f", h);
    }
}
