package sparkbook.display.stream;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the display needs to know about one completed batch (mapped from the engine's batch snapshot).
 *
 * @param recordsPerInput input stream name to record count, in a stable order
 */
public record BatchStats(long batchTimeMs, Map<String, Long> recordsPerInput, long records,
                         long schedulingDelayMs, long processingTimeMs, long totalDelayMs,
                         int outputOps, int failedOutputOps) {
    public BatchStats {
        recordsPerInput = Collections.unmodifiableMap(new LinkedHashMap<>(recordsPerInput));
    }

    /** Records of one input; with no per-input breakdown, the total counts as the only input. */
    public long recordsOf(String input) {
        return recordsPerInput.isEmpty() ? records : recordsPerInput.getOrDefault(input, 0L);
    }

    public boolean failed() {
        return failedOutputOps > 0;
    }
}
