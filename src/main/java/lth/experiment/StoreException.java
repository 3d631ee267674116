package lth.experiment;

/** The run store cannot be used: names the directory or entry and what went wrong. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) { super(message, cause); }
}
