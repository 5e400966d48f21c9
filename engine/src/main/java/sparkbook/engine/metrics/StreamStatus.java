package sparkbook.engine.metrics;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One StreamingContext at one moment, as the dashboard shows it: made once by {@link MetricsListener#status(String)}
 * (or {@code StreamingSession.status()}), then read by every view of that moment.
 *
 * @param state        the context's state name: "INITIALIZED", "ACTIVE" or "STOPPED"
 * @param totalBatches batches completed since start; {@code batches} holds only the latest of them, oldest first
 * @param inputNames   Spark's name of each input stream by id ("Kafka 0.10 direct stream [0]"), where known
 */
public record StreamStatus(String state, long batchIntervalMs, long totalBatches, List<BatchSnapshot> batches,
                           List<ReceiverSnapshot> receivers, Map<Integer, String> inputNames) {
    public StreamStatus {
        batches = List.copyOf(batches);
        receivers = List.copyOf(receivers);
        inputNames = Map.copyOf(inputNames);
    }

    /** An input's name for charts and summaries: Spark's, else its id. */
    public String inputName(int id) {
        return inputNames.getOrDefault(id, "input " + id);
    }

    public Optional<BatchSnapshot> latest() {
        return batches.isEmpty() ? Optional.empty() : Optional.of(batches.get(batches.size() - 1));
    }

    /** The last {@code n} batches, oldest first: the point cap of charts and tables. */
    public List<BatchSnapshot> last(int n) {
        return batches.subList(Math.max(0, batches.size() - n), batches.size());
    }

    public Stability stability() {
        return Stability.of(batches, batchIntervalMs);
    }
}
