package sparkbook.display.stream;

/** The shape of a windowed DStream, all in milliseconds. */
public record WindowSpec(long batchIntervalMs, long windowLengthMs, long slideMs) {
    public WindowSpec {
        if (batchIntervalMs <= 0 || windowLengthMs <= 0 || slideMs <= 0) {
            throw new IllegalArgumentException("durations must be positive");
        }
    }

    /** Spark's window ending at {@code windowEnd} covers batches in (end - length, end]. */
    public boolean covers(long windowEndMs, long batchTimeMs) {
        return batchTimeMs <= windowEndMs && batchTimeMs > windowEndMs - windowLengthMs;
    }

    public long batchesPerWindow() {
        return windowLengthMs / batchIntervalMs;
    }
}
