package sparkbook.engine.metrics;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One receiver's state.
 *
 * @param recordsPerSecond mean rate over the last few completed batches
 */
public record ReceiverSnapshot(int streamId, String name, boolean active, String location, String executorId,
                               Optional<String> lastError, OptionalLong lastErrorTimeMs, double recordsPerSecond) {
}
