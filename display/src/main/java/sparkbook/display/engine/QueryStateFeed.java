package sparkbook.display.engine;

import sparkbook.engine.query.QueryStateReader;
import sparkbook.engine.query.QueryStatus;
import sparkbook.engine.query.StoredState;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Feeds a query display with the query's state, read by a {@link QueryStateReader} (a Spark job of its own) on a
 * thread of the views, never on the query's or the listener's: at most one read every {@link #MIN_INTERVAL_MS}, and
 * reads busy at most a quarter of the time, the latest micro-batch always read in the end, so a view costs the stream
 * a bounded share of its cores.
 */
final class QueryStateFeed {
    static final long MIN_INTERVAL_MS = 2000;
    static final int TOP_KEYS = 10;

    private final QueryStateReader reader;
    private final ScheduledExecutorService readers;
    private final Runnable changed;
    private volatile Optional<StoredState> latest = Optional.empty();
    private volatile OptionalLong watermarkMs = OptionalLong.empty();
    private volatile long rowsInState;
    private long lastReadMs = Long.MIN_VALUE / 2;
    private long lastReadTookMs;
    private boolean scheduled;
    private boolean ended;

    QueryStateFeed(QueryStateReader reader, ScheduledExecutorService readers, Runnable changed) {
        this.reader = reader;
        this.readers = readers;
        this.changed = changed;
    }

    Optional<StoredState> latest() {
        return latest;
    }

    /** A micro-batch of a stateful query finished: read its state now, or once the interval has passed. */
    synchronized void batchDone(QueryStatus status) {
        status.latest().ifPresent(b -> {
            watermarkMs = b.watermarkMs();
            rowsInState = b.stateRows();
        });
        if (scheduled || ended) return;
        scheduled = true;
        // reads take at most a quarter of the time: the stream's micro-batches wait for the cores they use
        long interval = Math.max(MIN_INTERVAL_MS, 3 * lastReadTookMs);
        long wait = Math.max(0, lastReadMs + interval - System.currentTimeMillis());
        readers.schedule(this::read, wait, TimeUnit.MILLISECONDS);
    }

    /** The query ended: a read in progress is cancelled, and none follows (the last one read stays shown). */
    void queryEnded() {
        synchronized (this) {
            ended = true;
        }
        reader.cancel();
    }

    private void read() {
        synchronized (this) {
            scheduled = false;
            if (ended) return;
            lastReadMs = System.currentTimeMillis();
        }
        try {
            Optional<StoredState> state = reader.read(TOP_KEYS, watermarkMs, rowsInState);
            if (state.isPresent() && !state.equals(latest)) {
                latest = state;
                changed.run();
            }
        } catch (RuntimeException unreadable) {
            // the query stopped and Spark removed its temporary checkpoint: the last state read stays shown
        } finally {
            synchronized (this) {
                lastReadTookMs = System.currentTimeMillis() - lastReadMs;
            }
        }
    }
}
