package sparkbook.engine.query;

import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.StructType;
import sparkbook.engine.metrics.BoundedHistory;
import sparkbook.engine.metrics.Subscription;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * A streaming Dataset run as a query whose result is kept for a view, bounded: an aggregation runs in complete mode
 * and keeps the table after the latest micro-batch (sorted as the query sorts), anything else runs in append mode and
 * keeps the latest rows. At most {@code limit} rows either way, however long the stream runs.
 *
 * <pre>{@code
 * QueryResult counts = QueryResult.start(words.groupBy("value").count(), "counts", 20);
 * counts.onBatch(r -> System.out.println(r.rows()));
 * }</pre>
 */
public final class QueryResult {
    /** The rows to show after micro-batch {@code batchId}; {@code complete}: the whole result table (up to the limit). */
    public record Rows(long batchId, List<Row> rows, boolean complete) {
        public Rows {
            rows = List.copyOf(rows);
        }
    }

    private final StructType schema;
    private final int limit;
    private final BoundedHistory<Row> appended;
    private final CopyOnWriteArrayList<java.util.function.Consumer<Rows>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean complete;
    private volatile Rows latest;
    private volatile StreamingQuery query;

    private QueryResult(StructType schema, int limit) {
        this.schema = schema;
        this.limit = limit;
        this.appended = new BoundedHistory<>(limit);
        this.latest = new Rows(-1, List.of(), false);
    }

    /** Starts {@code dataset} (a streaming one) as a query named {@code name}, keeping at most {@code limit} rows. */
    public static QueryResult start(Dataset<?> dataset, String name, int limit) throws TimeoutException {
        if (!dataset.isStreaming()) throw new IllegalArgumentException("Not a streaming Dataset: display it as a table instead.");
        Dataset<Row> df = dataset.toDF();
        QueryResult result = new QueryResult(df.schema(), limit);
        try {
            result.complete = true;
            result.query = result.writer(df, "complete", name).start();
        } catch (Exception e) { // Scala's AnalysisException is checked in Java's eyes but undeclared
            if (e instanceof TimeoutException t) throw t;
            if (!(e instanceof AnalysisException)) throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            // Spark allows complete mode only for aggregations: the rest appends.
            result.complete = false;
            result.query = result.writer(df, "append", name).start();
        }
        synchronized (result) {
            if (result.latest.batchId() < 0) result.latest = new Rows(-1, List.of(), result.complete);
        }
        return result;
    }

    private org.apache.spark.sql.streaming.DataStreamWriter<Row> writer(Dataset<Row> df, String mode, String name) {
        org.apache.spark.sql.streaming.DataStreamWriter<Row> w = df.writeStream().outputMode(mode)
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) this::accept);
        return name == null ? w : w.queryName(name);
    }

    private synchronized void accept(Dataset<Row> batch, Long batchId) {
        // Complete mode: the first rows of the result table, in its order, taken per partition from every partition:
        // a limit would compute only the first partitions, and a stateful query's other partitions would then never
        // commit their state (Spark fails the micro-batch). Append mode: the batch's last rows; tail reads every row,
        // where a limit would be pushed down to the source and read (and count) only those.
        List<Row> rows = complete ? firstRowsOfEveryPartition(batch, limit) : java.util.Arrays.asList((Row[]) batch.tail(limit));
        Rows now;
        if (complete) {
            now = new Rows(batchId, rows, true);
        } else {
            rows.forEach(appended::add);
            now = new Rows(batchId, appended.snapshot(), false);
        }
        latest = now;
        for (var l : listeners) l.accept(now);
    }

    /** The first {@code n} rows in partition order, each partition computed (and its state committed). */
    static List<Row> firstRowsOfEveryPartition(Dataset<Row> batch, int n) {
        List<Row> rows = batch.javaRDD().mapPartitions((org.apache.spark.api.java.function.FlatMapFunction<java.util.Iterator<Row>, Row>) it -> {
            List<Row> first = new java.util.ArrayList<>();
            while (first.size() < n && it.hasNext()) first.add(it.next());
            return first.iterator();
        }).collect();
        return rows.subList(0, Math.min(n, rows.size()));
    }

    public StreamingQuery query() {
        return query;
    }

    public StructType schema() {
        return schema;
    }

    public Rows latest() {
        return latest;
    }

    /** Called after each micro-batch on the query's thread: keep it fast. */
    public Subscription onBatch(java.util.function.Consumer<Rows> callback) {
        listeners.add(callback);
        return () -> listeners.remove(callback);
    }

    public void stop() {
        try {
            query.stop();
        } catch (TimeoutException e) {
            throw new IllegalStateException("The query " + query.id() + " did not stop in time", e);
        }
    }
}
