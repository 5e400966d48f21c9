package sparkbook.kernel.spark;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import sparkbook.display.query.QueryDashboard;
import sparkbook.engine.api.StreamingSession;
import sparkbook.engine.query.QueryListener;
import sparkbook.engine.query.QueryState;
import sparkbook.engine.query.QueryStatus;
import sparkbook.kernel.io.CellOutput;
import sparkbook.kernel.io.OutputTarget;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notebook's Structured Streaming queries by the cell that started them: a query that fails says so in that
 * cell, a {@code %%stream} cell run again stops the queries it started before, {@code %stream stop} stops them all.
 */
public final class NotebookQueries {
    private final CellOutput output;
    /** Active queries and the cell each started in; an ended query leaves. */
    private final Map<UUID, OutputTarget> startedBy = new ConcurrentHashMap<>();
    private final Map<QueryListener, Boolean> watched = Collections.synchronizedMap(new WeakHashMap<>());
    /** Queries started so far: a cell that started some knows it did even when they have already ended. */
    private final java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong();

    NotebookQueries(CellOutput output) {
        this.output = output;
    }

    /** Follows the queries of a session, once per session (without making it listen yet: see queries()). */
    void watch(StreamingSession session) {
        QueryListener listener = session.queryListener();
        if (watched.putIfAbsent(listener, true) == null) listener.onChange(this::changed);
    }

    /** Code that may start a query: the session must listen before it runs, to see which cell started it. */
    static boolean mayStartQueries(String java) {
        return java.contains("readStream") || java.contains("writeStream") || java.contains("LiveRows")
                || java.contains("StreamingQuery");
    }

    private void changed(QueryStatus status) {
        if (status.state() == QueryState.ACTIVE) {
            // The start event comes in the query's own thread, made by the cell that called start(): its cell.
            if (status.totalBatches() == 0 && startedBy.putIfAbsent(status.id(), output.target()) == null) {
                started.incrementAndGet();
            }
            return;
        }
        OutputTarget cell = startedBy.remove(status.id());
        if (status.state() == QueryState.FAILED && cell != null) {
            output.writeFor(cell, () -> System.err.println("Query " + status.title() + " failed: "
                    + trimmed(status.failure().orElse("")) + "\nIt has stopped; fix the cause and run its cell again."));
        }
    }

    /** Stops the queries the cell {@code cellId} started; returns how many. */
    int stopStartedIn(String cellId, SparkSession spark) {
        if (cellId == null) return 0;
        int n = 0;
        for (StreamingQuery q : spark.streams().active()) {
            OutputTarget cell = startedBy.get(q.id());
            if (cell != null && Objects.equals(cell.cellId(), cellId)) {
                stop(q);
                n++;
            }
        }
        return n;
    }

    /** How many active queries the cell {@code cellId} started (all active ones when the front end names no cell). */
    int activeStartedIn(String cellId, SparkSession spark) {
        int n = 0;
        for (StreamingQuery q : spark.streams().active()) {
            OutputTarget cell = startedBy.get(q.id());
            if (cellId == null || (cell != null && Objects.equals(cell.cellId(), cellId))) n++;
        }
        return n;
    }

    /**
     * How many queries have started in this kernel so far. Spark tells its listeners of a start before
     * {@code start()} returns, so the count is up to date when a cell's code has run.
     */
    long startedSoFar() {
        return started.get();
    }

    /** Stops every active query of the session; returns how many. */
    int stopAll(SparkSession spark) {
        StreamingQuery[] active = spark.streams().active();
        for (StreamingQuery q : active) stop(q);
        return active.length;
    }

    /** A status line per active query, as the query dashboard writes it. */
    List<String> statusLines(StreamingSession session) {
        List<String> lines = new ArrayList<>();
        for (StreamingQuery q : session.spark().streams().active()) {
            lines.add(session.queries().status(q.id()).map(QueryDashboard::statusLine)
                    .orElse((q.name() != null ? q.name() : "query " + q.id()) + " · active"));
        }
        return lines;
    }

    private static void stop(StreamingQuery q) {
        try {
            q.stop();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The query " + q.id() + " did not stop in time: " + e.getMessage(), e);
        }
    }

    /** Spark's message with its first line and the root cause, without the stack frames. */
    static String trimmed(String failure) {
        List<String> lines = failure.lines().filter(l -> !l.isBlank() && !l.startsWith("\tat ") && !l.startsWith("\t...")).toList();
        if (lines.isEmpty()) return "(no message)";
        String first = lines.get(0);
        String cause = null;
        for (String l : lines) if (l.startsWith("Caused by: ")) cause = l;
        return cause == null || cause.contains(first) ? first : first + "\n  " + cause;
    }
}
