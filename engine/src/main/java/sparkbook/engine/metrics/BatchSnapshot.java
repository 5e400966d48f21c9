package sparkbook.engine.metrics;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One completed batch, as the display shows it. Delays are absent when Spark did not measure them.
 *
 * @param recordsPerStream records received per input stream id (only inputs that report counts)
 * @param batchIntervalMs  the context's batch interval, to judge whether processing keeps up
 */
public record BatchSnapshot(long batchTimeMs, Map<Integer, Long> recordsPerStream, long totalRecords,
                            OptionalLong schedulingDelayMs, OptionalLong processingTimeMs, OptionalLong totalDelayMs,
                            int outputOperations, List<OutputFailure> failures, long batchIntervalMs) {

    public BatchSnapshot {
        recordsPerStream = Map.copyOf(recordsPerStream);
        failures = List.copyOf(failures);
    }

    public boolean failed() {
        return !failures.isEmpty();
    }

    /** Processing took longer than a batch interval: batches queue up and delays grow. */
    public boolean fallingBehind() {
        return processingTimeMs.isPresent() && processingTimeMs.getAsLong() > batchIntervalMs;
    }
}
