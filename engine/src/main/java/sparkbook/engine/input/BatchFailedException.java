package sparkbook.engine.input;

/** A stepped batch failed (an output operation or job generation threw). */
public final class BatchFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long batchTimeMs;

    public BatchFailedException(long batchTimeMs, String message, Throwable cause) {
        super(message, cause);
        this.batchTimeMs = batchTimeMs;
    }

    /** The failing batch's time, or the last batch stepped to when Spark did not say which. */
    public long batchTimeMs() {
        return batchTimeMs;
    }
}
