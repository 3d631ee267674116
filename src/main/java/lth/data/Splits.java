package lth.data;

/** Train / validation / test examples of one dataset; validation picks the early-stop iteration. */
public record Splits(Dataset train, Dataset validation, Dataset test) {

    /** One line for reports: dataset, source and split sizes. */
    public String describe() {
        return "%s (%s): train %d / validation %d / test %d".formatted(
                train.name(), train.source(), train.size(), validation.size(), test.size());
    }
}
