package lth.data;

/**
 * A dataset is not present on this machine (as opposed to present but corrupt, which is a
 * {@link DataFormatException}). Tests turn it into a skipped test, never a pass, so the message
 * must tell a reader exactly how to make the data appear.
 */
public final class DataUnavailableException extends RuntimeException {

    /**
     * @param dataset  the dataset id, e.g. {@code fashion-mnist}
     * @param lookedAt where it was looked for (path, and which property chose it)
     * @param fix      the exact command or option that makes it available
     */
    public DataUnavailableException(String dataset, String lookedAt, String fix) {
        super("dataset '" + dataset + "' is not available: looked for " + lookedAt + ". Fix: " + fix);
    }
}
