package sparkbook.display.stream;

import java.util.List;
import java.util.Optional;

/**
 * Recent completed batches of a StreamingContext, oldest first.
 *
 * @param totalBatches batches completed since start (the list may hold only the most recent ones)
 */
public record StreamHistory(long batchIntervalMs, long totalBatches, List<BatchStats> batches) {
    public StreamHistory {
        batches = List.copyOf(batches);
    }

    public Optional<BatchStats> latest() {
        return batches.isEmpty() ? Optional.empty() : Optional.of(batches.get(batches.size() - 1));
    }

    /** The last {@code n} batches: the point cap for charts and tables. */
    public List<BatchStats> last(int n) {
        return batches.subList(Math.max(0, batches.size() - n), batches.size());
    }
}
