package lth.data;

/** Train / validation / test examples of one dataset; validation picks the early-stop iteration. */
public record Splits(Dataset train, Dataset validation, Dataset test) implements TrainingData {

    @Override public int channels() { return train.channels(); }

    @Override public int height() { return train.height(); }

    @Override public int width() { return train.width(); }

    @Override public int classes() { return train.numClasses(); }

    /** One line for reports: dataset, source and split sizes. */
    @Override public String describe() {
        return "%s (%s): train %d / validation %d / test %d".formatted(
                train.name(), train.source(), train.size(), validation.size(), test.size());
    }
}
