package sparkbook.engine.query;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.runtime.StreamExecution;
import org.apache.spark.sql.execution.streaming.runtime.StreamingQueryWrapper;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * Reads a running query's state with Spark's state data source ({@code spark.read().format("statestore")}) at its
 * latest committed micro-batch, as a batch job of its own: exact where the progress metrics only count. For windows it
 * also reads the (up to {@value #MAX_CATCH_UP}) micro-batches since its last read in the same job, so a window that
 * left the state meanwhile is reported as final. Reads run on the caller's thread; the views call it from their own,
 * at most every few seconds.
 *
 * <pre>{@code
 * QueryStateReader.of(query).flatMap(r -> r.read(10, OptionalLong.empty(), 0))
 *     .ifPresent(state -> System.out.println(state.rows() + " rows in state after micro-batch " + state.batchId()));
 * }</pre>
 */
public final class QueryStateReader {
    /** Windows kept per read (the newest) and finalised windows remembered. */
    public static final int MAX_WINDOWS = 24, MAX_FINALISED = 8;
    /** Micro-batches before the latest read for their windows alone, at most: a bound on a read's jobs. */
    static final int MAX_CATCH_UP = 3;
    /** Rows in state up to which a read collects them all (one job per micro-batch read) rather than aggregating. */
    public static final long MAX_COLLECTED = 20_000;

    private final SparkSession spark;
    private final StreamExecution execution;
    private final String title;
    private Map<List<Long>, StoredState.StateWindow> lastWindows = Map.of();
    private final Deque<StoredState.StateWindow> finalised = new ArrayDeque<>();
    private StoredState last;

    private QueryStateReader(SparkSession spark, StreamExecution execution, String title) {
        this.spark = spark;
        this.execution = execution;
        this.title = title;
    }

    /** A reader for this query; empty for a query that is not a local micro-batch one (e.g. Spark Connect's). */
    public static Optional<QueryStateReader> of(StreamingQuery query) {
        if (!(query instanceof StreamingQueryWrapper wrapper)) return Optional.empty();
        String title = query.name() != null ? query.name() : query.id().toString();
        return Optional.of(new QueryStateReader(query.sparkSession(), wrapper.streamingQuery(), title));
    }

    /**
     * The state at the latest committed micro-batch (the same object again if no micro-batch committed since); empty
     * before the first commit, or when the query keeps no state.
     *
     * @param topKeys     how many keys to return, largest first
     * @param watermarkMs the watermark of that micro-batch, if known (the listener's progress has it)
     * @param rowsHint    rows in state as the latest progress counts them: up to {@link #MAX_COLLECTED} the state is
     *                    read in one job per micro-batch and summed up here, above that by aggregations in Spark
     */
    public synchronized Optional<StoredState> read(int topKeys, OptionalLong watermarkMs, long rowsHint) {
        // A stopped query's temporary checkpoint is deleted as it stops: its files are not there to read.
        if (!execution.isActive()) return Optional.ofNullable(last);
        scala.Option<Object> committed = execution.commitLog().getLatestBatchId();
        if (committed.isEmpty()) return Optional.empty();
        long batchId = (Long) committed.get();
        if (last != null && last.batchId() == batchId) return Optional.of(last);
        String description = spark.sparkContext().getLocalProperty("spark.job.description");
        // The reading thread may have been made during a cell and inherited its job group: these jobs are not the
        // cell's, they are the read's, which stop() cancels when the query stops under it.
        sparkbook.engine.jobs.CellJobs.leave(spark.sparkContext());
        // not interrupting its tasks when cancelled: a task interrupted in the state store's I/O only logs errors
        spark.sparkContext().setJobGroup(jobGroup(), "sparkbook: the state of query " + title, false);
        try {
            spark.sparkContext().setJobDescription("sparkbook: the state of query " + title + " after micro-batch " + batchId);
            Dataset<Row> state = load(batchId);
            StructType keySchema = (StructType) state.schema().apply("key").dataType();
            StructType valueSchema = (StructType) state.schema().apply("value").dataType();
            int window = Arrays.asList(keySchema.fieldNames()).indexOf("window");
            int measure = -1;
            for (int i = 0; i < valueSchema.fields().length && measure < 0; i++) {
                if (valueSchema.fields()[i].dataType() instanceof NumericType) measure = i;
            }
            StoredState read = rowsHint <= MAX_COLLECTED
                    ? collected(batchId, state, window, measure, topKeys)
                    : aggregated(batchId, state, window >= 0, measure < 0 ? null : valueSchema.fields()[measure].name(), topKeys);
            last = new StoredState(batchId, read.rows(), Arrays.asList(keySchema.fieldNames()),
                    Arrays.asList(valueSchema.fieldNames()), read.top(), read.windows(), List.copyOf(finalised), watermarkMs);
            return Optional.of(last);
        } catch (RuntimeException noState) { // a query without a stateful operator has no state folder
            return Optional.empty();
        } finally {
            spark.sparkContext().setJobDescription(description);
        }
    }

    /**
     * Cancels a read in progress (no task of it starts any more): the query stopped, and Spark deletes a temporary
     * checkpoint as it stops, so the read would only fail, noisily, on files that vanished under it.
     */
    public void cancel() {
        spark.sparkContext().cancelJobGroup(jobGroup());
    }

    private String jobGroup() {
        return "sparkbook-state-" + execution.id();
    }

    /**
     * A small state, read in one job: its rows collected (with, for windows, those of the micro-batches since the last
     * read, so a window that came and went between reads is seen final), windows and largest keys found here.
     */
    private StoredState collected(long batchId, Dataset<Row> state, int window, int measure, int topKeys) {
        long from = window < 0 ? batchId : Math.max(last == null ? 0 : last.batchId() + 1, batchId - MAX_CATCH_UP);
        Dataset<Row> all = state.select(lit(batchId).as("batch"), col("key"), col("value"));
        for (long b = from; b < batchId; b++) all = all.union(load(b).select(lit(b).as("batch"), col("key"), col("value")));
        java.util.TreeMap<Long, List<Row>> byBatch = new java.util.TreeMap<>();
        for (Row r : all.collectAsList()) byBatch.computeIfAbsent(r.getLong(0), b -> new ArrayList<>()).add(r);
        List<Row> rows = byBatch.getOrDefault(batchId, List.of());
        List<StoredState.StateWindow> windows = List.of();
        if (window >= 0) {
            for (long b = from; b < batchId; b++) noteFinalised(windowsOf(byBatch.getOrDefault(b, List.of()), window, measure));
            windows = windowsOf(rows, window, measure);
            noteFinalised(windows);
        }
        java.util.Comparator<Row> largest = java.util.Comparator.comparingDouble(r -> measure < 0 || r.getStruct(2).isNullAt(measure)
                ? Double.NEGATIVE_INFINITY : ((Number) r.getStruct(2).get(measure)).doubleValue());
        List<StoredState.Entry> top = rows.stream().sorted(largest.reversed()).limit(topKeys)
                .map(r -> new StoredState.Entry(values(r.getStruct(1)), values(r.getStruct(2)))).toList();
        return new StoredState(batchId, rows.size(), List.of(), List.of(), top, newest(windows), List.of(), OptionalLong.empty());
    }

    /** A large state, summed up by Spark: windows grouped, keys ordered and limited (no catch-up: too costly). */
    private StoredState aggregated(long batchId, Dataset<Row> state, boolean windowed, String measure, int topKeys) {
        List<StoredState.StateWindow> windows = new ArrayList<>();
        long rows;
        if (windowed) {
            for (Row w : state.groupBy(col("key.window.start").as("start"), col("key.window.end").as("end"))
                    .agg(count(lit(1)).as("keys"), measure == null ? lit(null) : sum(col("value." + measure)))
                    .orderBy(col("start")).collectAsList()) {
                windows.add(new StoredState.StateWindow(((java.sql.Timestamp) w.get(0)).getTime(),
                        ((java.sql.Timestamp) w.get(1)).getTime(), w.getLong(2),
                        w.isNullAt(3) ? OptionalLong.empty() : OptionalLong.of(((Number) w.get(3)).longValue())));
            }
            noteFinalised(windows);
            rows = windows.stream().mapToLong(StoredState.StateWindow::keys).sum();
        } else {
            rows = state.count();
        }
        Dataset<Row> ordered = measure == null ? state : state.orderBy(col("value." + measure).desc());
        List<StoredState.Entry> top = ordered.select("key", "value").limit(topKeys).collectAsList().stream()
                .map(r -> new StoredState.Entry(values(r.getStruct(0)), values(r.getStruct(1)))).toList();
        return new StoredState(batchId, rows, List.of(), List.of(), top, newest(windows), List.of(), OptionalLong.empty());
    }

    private static List<StoredState.StateWindow> newest(List<StoredState.StateWindow> windows) {
        return windows.subList(Math.max(0, windows.size() - MAX_WINDOWS), windows.size());
    }

    private Dataset<Row> load(long batchId) {
        return spark.read().format("statestore").option("path", execution.resolvedCheckpointRoot())
                .option("batchId", batchId).load();
    }

    /** The windows among the state's rows (batch, key, value), oldest first, with their keys and measure summed. */
    private static List<StoredState.StateWindow> windowsOf(List<Row> rows, int window, int measure) {
        java.util.TreeMap<List<Long>, long[]> spans = new java.util.TreeMap<>(
                java.util.Comparator.<List<Long>>comparingLong(l -> l.get(0)).thenComparingLong(l -> l.get(1)));
        boolean summed = measure >= 0;
        for (Row r : rows) {
            Row w = r.getStruct(1).getStruct(window);
            long[] keysAndTotal = spans.computeIfAbsent(List.of(((java.sql.Timestamp) w.get(0)).getTime(),
                    ((java.sql.Timestamp) w.get(1)).getTime()), k -> new long[2]);
            keysAndTotal[0]++;
            if (summed && !r.getStruct(2).isNullAt(measure)) keysAndTotal[1] += ((Number) r.getStruct(2).get(measure)).longValue();
        }
        List<StoredState.StateWindow> windows = new ArrayList<>();
        spans.forEach((span, kt) -> windows.add(new StoredState.StateWindow(span.get(0), span.get(1), kt[0],
                summed ? OptionalLong.of(kt[1]) : OptionalLong.empty())));
        return windows;
    }

    /** Windows of the previous read that are gone now left the state: the watermark passed them. */
    private void noteFinalised(List<StoredState.StateWindow> windows) {
        Map<List<Long>, StoredState.StateWindow> now = new LinkedHashMap<>();
        for (var w : windows) now.put(List.of(w.startMs(), w.endMs()), w);
        lastWindows.forEach((span, window) -> {
            if (!now.containsKey(span)) finalised.addFirst(window);
        });
        while (finalised.size() > MAX_FINALISED) finalised.removeLast();
        lastWindows = now;
    }

    private static List<Object> values(Row row) {
        List<Object> out = new ArrayList<>(row.length());
        for (int i = 0; i < row.length(); i++) out.add(row.get(i));
        return out;
    }
}
