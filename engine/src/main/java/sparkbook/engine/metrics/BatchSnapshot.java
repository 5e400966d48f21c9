package sparkbook.engine.metrics;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One completed batch, as the display shows it (whether batches keep up is {@link Stability}'s to say). Delays are
 * absent when Spark did not measure them.
 *
 * @param recordsPerStream records received per input stream id (only inputs that report counts)
 */
public record BatchSnapshot(long batchTimeMs, Map<Integer, Long> recordsPerStream, long totalRecords,
                            OptionalLong schedulingDelayMs, OptionalLong processingTimeMs, OptionalLong totalDelayMs,
                            int outputOperations, List<OutputFailure> failures) {

    public BatchSnapshot {
        recordsPerStream = Map.copyOf(recordsPerStream);
        failures = List.copyOf(failures);
    }

    public boolean failed() {
        return !failures.isEmpty();
    }
}
