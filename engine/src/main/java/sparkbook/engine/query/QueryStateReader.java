package sparkbook.engine.query;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.runtime.StreamExecution;
import org.apache.spark.sql.execution.streaming.runtime.StreamingQueryWrapper;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
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
 * latest committed micro-batch, as batch jobs of its own: exact where the progress metrics only count. For windows it
 * also reads the windows of the (up to {@value #MAX_CATCH_UP}) micro-batches since its last read, so a window that
 * left the state meanwhile is reported as final. Reads run on the caller's thread; the views call it from their own,
 * at most every few seconds.
 *
 * <pre>{@code
 * QueryStateReader.of(query).flatMap(r -> r.read(10, OptionalLong.empty()))
 *     .ifPresent(state -> System.out.println(state.rows() + " rows in state after micro-batch " + state.batchId()));
 * }</pre>
 */
public final class QueryStateReader {
    /** Windows kept per read (the newest) and finalised windows remembered. */
    public static final int MAX_WINDOWS = 24, MAX_FINALISED = 8;
    /** Micro-batches before the latest read for their windows alone, at most: a bound on a read's jobs. */
    static final int MAX_CATCH_UP = 3;

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
     */
    public synchronized Optional<StoredState> read(int topKeys, OptionalLong watermarkMs) {
        scala.Option<Object> committed = execution.commitLog().getLatestBatchId();
        if (committed.isEmpty()) return Optional.empty();
        long batchId = (Long) committed.get();
        if (last != null && last.batchId() == batchId) return Optional.of(last);
        String description = spark.sparkContext().getLocalProperty("spark.job.description");
        try {
            spark.sparkContext().setJobDescription("sparkbook: the state of query " + title + " after micro-batch " + batchId);
            Dataset<Row> state = load(batchId);
            StructType keySchema = (StructType) state.schema().apply("key").dataType();
            StructType valueSchema = (StructType) state.schema().apply("value").dataType();
            Optional<String> measure = Arrays.stream(valueSchema.fields()).filter(f -> f.dataType() instanceof NumericType)
                    .map(StructField::name).findFirst();
            boolean windowed = Arrays.asList(keySchema.fieldNames()).contains("window");
            List<StoredState.StateWindow> windows = List.of();
            long rows;
            if (windowed) {
                // the micro-batches since the last read, so a window that came and went between reads is seen final
                long from = Math.max(last == null ? 0 : last.batchId() + 1, batchId - MAX_CATCH_UP);
                for (long b = from; b < batchId; b++) noteFinalised(windows(load(b), measure));
                windows = windows(state, measure);
                noteFinalised(windows);
                rows = windows.stream().mapToLong(StoredState.StateWindow::keys).sum();
            } else {
                rows = state.count();
            }
            Dataset<Row> ordered = measure.map(m -> state.orderBy(col("value." + m).desc())).orElse(state);
            List<StoredState.Entry> top = ordered.select("key", "value").limit(topKeys).collectAsList().stream()
                    .map(r -> new StoredState.Entry(values(r.getStruct(0)), values(r.getStruct(1)))).toList();
            List<StoredState.StateWindow> newest = windows.subList(Math.max(0, windows.size() - MAX_WINDOWS), windows.size());
            last = new StoredState(batchId, rows, Arrays.asList(keySchema.fieldNames()), Arrays.asList(valueSchema.fieldNames()),
                    top, newest, List.copyOf(finalised), watermarkMs);
            return Optional.of(last);
        } catch (RuntimeException noState) { // a query without a stateful operator has no state folder
            return Optional.empty();
        } finally {
            spark.sparkContext().setJobDescription(description);
        }
    }

    private Dataset<Row> load(long batchId) {
        return spark.read().format("statestore").option("path", execution.resolvedCheckpointRoot())
                .option("batchId", batchId).load();
    }

    /** The windows in state, oldest first, with their keys and the sum of the measure over them. */
    private static List<StoredState.StateWindow> windows(Dataset<Row> state, Optional<String> measure) {
        List<StoredState.StateWindow> windows = new ArrayList<>();
        for (Row w : state.groupBy(col("key.window.start").as("start"), col("key.window.end").as("end"))
                .agg(count(lit(1)).as("keys"), measure.map(m -> sum(col("value." + m))).orElse(lit(null)).as("total"))
                .orderBy(col("start")).collectAsList()) {
            windows.add(new StoredState.StateWindow(((java.sql.Timestamp) w.get(0)).getTime(),
                    ((java.sql.Timestamp) w.get(1)).getTime(), w.getLong(2),
                    w.isNullAt(3) ? OptionalLong.empty() : OptionalLong.of(((Number) w.get(3)).longValue())));
        }
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
