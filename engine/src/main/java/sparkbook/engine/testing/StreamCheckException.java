package sparkbook.engine.testing;

/** {@link StreamCheck#capture} could not run every batch; carries what failed. */
public final class StreamCheckException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient StreamCheckFailure failure;

    StreamCheckException(StreamCheckFailure failure) {
        super(failure.beforeFirstBatch() ? "stream failed before the first batch: " + failure.summary()
                : "batch[" + failure.batchIndex() + "] @ " + failure.batchTimeMs() + " ms failed: " + failure.summary());
        this.failure = failure;
    }

    public StreamCheckFailure failure() {
        return failure;
    }
}
