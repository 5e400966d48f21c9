package sparkbook.engine.testing;

import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import sparkbook.engine.api.StreamingSession;
import sparkbook.engine.errors.SparkAdvice;
import sparkbook.engine.input.LiveRows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One run of a query check: a query over a fresh in-memory source, written with foreachBatch into a map of
 * micro-batch id to rows; per input batch, push its rows and wait with {@code processAllAvailable} (which returns once
 * a trigger finds nothing left to run, the no-data micro-batch included); then stop and delete the checkpoint.
 */
final class QueryCheckRun {

    record Outcome(List<List<ResultRow>> outputs, List<String> notes, Optional<StreamCheckFailure> failure) {
    }

    private QueryCheckRun() {
    }

    static <T> Outcome run(SparkSession spark, Duration timeoutPerBatch, Path workDir, Encoder<T> encoder,
                           List<? extends List<T>> input, Function<Dataset<T>, ? extends Dataset<?>> operation,
                           OutputMode mode, int numBatches) {
        Path checkpoint = StreamCheckRun.createTempDir(workDir, "querycheck-");
        List<List<ResultRow>> outputs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        TreeMap<Long, List<ResultRow>> written = new TreeMap<>(); // guarded by itself; written on the query's thread
        StreamingQuery query = null;
        try {
            LiveRows<T> source = LiveRows.of(spark, encoder);
            try {
                query = operation.apply(source.stream()).toDF().writeStream()
                        .outputMode(mode)
                        .option("checkpointLocation", checkpoint.toString())
                        .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> {
                            List<ResultRow> rows = batch.collectAsList().stream().map(ResultRow::of).toList();
                            synchronized (written) {
                                written.put(id, rows);
                            }
                        })
                        .start();
            } catch (Exception e) { // AnalysisException (an output mode the query cannot use, ...) is undeclared
                return new Outcome(outputs, notes, Optional.of(failure(-1, e)));
            }
            List<ResultRow> table = List.of(); // complete mode: the result table as of the latest micro-batch
            long seen = -1;
            for (int i = 0; i < numBatches; i++) {
                List<T> rows = i < input.size() ? input.get(i) : List.of();
                if (!rows.isEmpty()) source.push(rows);
                try {
                    processWithin(query, timeoutPerBatch);
                } catch (StreamingQueryException | RuntimeException e) {
                    return new Outcome(outputs, notes, Optional.of(failure(i, e)));
                }
                if (!query.isActive()) {
                    return new Outcome(outputs, notes, Optional.of(new StreamCheckFailure(i, 0,
                            "batch " + i + " did not finish within " + timeoutPerBatch.toSeconds()
                                    + " s; the query was stopped (withTimeoutPerBatch gives it longer)", "")));
                }
                TreeMap<Long, List<ResultRow>> ran;
                synchronized (written) {
                    ran = new TreeMap<>(written.tailMap(seen, false));
                }
                List<ResultRow> out = new ArrayList<>();
                for (List<ResultRow> batchRows : ran.values()) {
                    if (mode == OutputMode.Complete()) table = batchRows;
                    else out.addAll(batchRows);
                }
                if (!ran.isEmpty()) seen = ran.lastKey();
                outputs.add(mode == OutputMode.Complete() ? table : out);
                notes.add(note(ran.navigableKeySet(), query.lastProgress()));
            }
            return new Outcome(outputs, notes, Optional.empty());
        } finally {
            if (query != null) {
                try {
                    query.stop();
                } catch (java.util.concurrent.TimeoutException ignored) {
                    // a query that does not stop in time keeps its thread; the check's outcome stands
                }
            }
            StreamingSession.deleteRecursively(checkpoint);
        }
    }

    /** processAllAvailable, with the query stopped when it takes longer than the timeout (it would wait forever). */
    private static void processWithin(StreamingQuery query, Duration timeout) throws StreamingQueryException {
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
            if (done.get()) return;
            try {
                query.stop();
            } catch (java.util.concurrent.TimeoutException ignored) {
                // processAllAvailable returns once the query is inactive either way
            }
        }, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try {
            query.processAllAvailable();
        } finally {
            done.set(true);
            watchdog.cancel(false);
        }
    }

    /** "micro-batch 3" or "micro-batches 2-3", and "watermark ..." when the query has one; "no micro-batch" else. */
    private static String note(java.util.NavigableSet<Long> ids, StreamingQueryProgress progress) {
        String ran = ids.isEmpty() ? "no micro-batch"
                : ids.size() == 1 ? "micro-batch " + ids.first()
                : "micro-batches " + ids.first() + "-" + ids.last();
        String watermark = progress == null ? null : progress.eventTime().get("watermark");
        if (watermark == null || watermark.startsWith("1970-01-01T00:00:00")) return ran;
        return ran + " · watermark " + watermark.replace(".000Z", "Z");
    }

    private static StreamCheckFailure failure(int index, Throwable e) {
        Throwable cause = e instanceof StreamingQueryException q && q.getCause() != null ? q.getCause() : e;
        return new StreamCheckFailure(index, 0, SparkAdvice.describe(cause), StreamCheckRun.detail(e));
    }
}
