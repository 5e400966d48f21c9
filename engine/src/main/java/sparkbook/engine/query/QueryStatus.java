package sparkbook.engine.query;

import sparkbook.engine.metrics.Stability;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One query at one moment: made once by {@link QueryListener#status(UUID)}, then read by every view of that moment.
 *
 * @param name         the query's name, or null when it has none
 * @param totalBatches progress reports since start; {@code batches} holds only the latest, oldest first
 * @param failure      why it failed (Spark's message), for a FAILED query
 */
public record QueryStatus(UUID id, String name, QueryState state, long totalBatches, List<QueryBatch> batches,
                          Optional<String> failure) {
    public QueryStatus {
        batches = List.copyOf(batches);
    }

    /**
     * This status, ended if {@code ended} while it still says ACTIVE: FAILED with {@code failure} when there is one,
     * else STOPPED.
     */
    public QueryStatus endedIf(boolean ended, Optional<String> failure) {
        if (!ended || state != QueryState.ACTIVE) return this;
        return new QueryStatus(id, name, failure.isPresent() ? QueryState.FAILED : QueryState.STOPPED, totalBatches, batches,
                failure);
    }

    public Optional<QueryBatch> latest() {
        return batches.isEmpty() ? Optional.empty() : Optional.of(batches.get(batches.size() - 1));
    }

    /** The last {@code n} batches, oldest first. */
    public List<QueryBatch> last(int n) {
        return batches.subList(Math.max(0, batches.size() - n), batches.size());
    }

    /** The name, else the start of the id, as Spark's UI shows a query. */
    public String title() {
        return name != null ? name : "query " + id.toString().substring(0, 8);
    }

    public Stability stability() {
        return Stability.ofRates(batches.stream().map(QueryBatch::inputRowsPerSecond).toList(),
                batches.stream().map(QueryBatch::processedRowsPerSecond).toList());
    }
}
