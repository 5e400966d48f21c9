package sparkbook.engine.query;

import org.apache.spark.sql.streaming.StreamingQueryListener;
import sparkbook.engine.metrics.BoundedHistory;
import sparkbook.engine.metrics.Subscription;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every query of a SparkSession, measured: a bounded history of batches per query (so an endless query holds a
 * fixed amount), its state, and why it failed. Views subscribe to be told of each batch and each end.
 *
 * <pre>{@code
 * QueryListener queries = new QueryListener(120);
 * spark.streams().addListener(queries);
 * StreamingQuery q = counts.writeStream().format("console").outputMode("complete").start();
 * q.processAllAvailable();
 * QueryStatus status = queries.status(q.id());   // rows, rates, durations, state rows of its latest batches
 * }</pre>
 */
public final class QueryListener extends StreamingQueryListener {
    /** Queries remembered at most: ended ones are forgotten oldest first, so re-run cells do not pile up. */
    static final int MAX_QUERIES = 32;

    private final int capacity;
    private final Map<UUID, Tracked> queries = new ConcurrentHashMap<>();
    private final transient CopyOnWriteArrayList<Consumer<QueryStatus>> listeners = new CopyOnWriteArrayList<>();

    private static final class Tracked {
        final UUID id;
        final String name;
        final BoundedHistory<QueryBatch> batches;
        volatile long total;
        volatile QueryState state = QueryState.ACTIVE;
        volatile String failure;
        final long startedAt = System.nanoTime();

        Tracked(UUID id, String name, int capacity) {
            this.id = id;
            this.name = name;
            this.batches = new BoundedHistory<>(capacity);
        }

        QueryStatus status() {
            return new QueryStatus(id, name, state, total, batches.snapshot(), Optional.ofNullable(failure));
        }
    }

    /** @param capacity batches kept per query */
    public QueryListener(int capacity) {
        this.capacity = capacity;
    }

    /** Spark calls it in the query's own thread before {@code start()} returns: callbacks see who started it. */
    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        Tracked t = tracked(event.id(), event.name());
        forgetOldest();
        tell(t);
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        Tracked t = tracked(event.progress().id(), event.progress().name());
        t.batches.add(QueryBatch.of(event.progress()));
        t.total++;
        tell(t);
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        Tracked t = queries.get(event.id());
        if (t == null) return;
        if (event.exception().isDefined()) {
            t.failure = event.exception().get();
            t.state = QueryState.FAILED;
        } else {
            t.state = QueryState.STOPPED;
        }
        tell(t);
    }

    private Tracked tracked(UUID id, String name) {
        return queries.computeIfAbsent(id, k -> new Tracked(id, name, capacity));
    }

    private void forgetOldest() {
        if (queries.size() <= MAX_QUERIES) return;
        queries.values().stream().filter(t -> t.state != QueryState.ACTIVE)
                .min(java.util.Comparator.comparingLong(t -> t.startedAt))
                .ifPresent(t -> queries.remove(t.id));
    }

    private void tell(Tracked t) {
        if (listeners.isEmpty()) return;
        QueryStatus status = t.status();
        for (Consumer<QueryStatus> l : listeners) l.accept(status);
    }

    /** The query's status now; empty for a query this listener never saw (started before it was added). */
    public Optional<QueryStatus> status(UUID id) {
        Tracked t = queries.get(id);
        return t == null ? Optional.empty() : Optional.of(t.status());
    }

    /**
     * Calls {@code callback} when a query starts (in the query's thread, before {@code start()} returns), after each
     * of its batches and when it ends (on Spark's listener thread): keep it fast.
     */
    public Subscription onChange(Consumer<QueryStatus> callback) {
        listeners.add(callback);
        return () -> listeners.remove(callback);
    }
}
