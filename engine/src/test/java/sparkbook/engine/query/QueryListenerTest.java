package sparkbook.engine.query;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sparkbook.engine.SessionPerClass;
import sparkbook.engine.TestSessions;
import sparkbook.engine.metrics.Subscription;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The listener the session registers on its SparkSession, fed by real queries. */
class QueryListenerTest {
    @RegisterExtension
    static final SessionPerClass spark = new SessionPerClass(TestSessions.local(2, Duration.ofSeconds(1)));

    /** Completes with the first status of {@code query} that {@code done} accepts. */
    private static CompletableFuture<QueryStatus> when(java.util.function.Predicate<QueryStatus> done) {
        CompletableFuture<QueryStatus> seen = new CompletableFuture<>();
        Subscription s = spark.session().queries().onChange(status -> {
            if (done.test(status)) seen.complete(status);
        });
        seen.whenComplete((v, e) -> s.close());
        return seen;
    }

    @Test
    void aWindowedAggregationReportsRatesPhasesWatermarkAndState() throws Exception {
        SparkSession session = spark.session().spark();
        Dataset<Row> ticks = session.readStream().format("rate").option("rowsPerSecond", 200).load();
        Dataset<Row> perSecond = ticks.withWatermark("timestamp", "1 second")
                .groupBy(functions.window(ticks.col("timestamp"), "1 second")).count();
        CompletableFuture<QueryStatus> stateful = when(s -> s.latest().map(b -> b.stateful() && b.watermarkMs().isPresent()
                && b.inputRows() > 0).orElse(false));
        StreamingQuery query = perSecond.writeStream().queryName("perSecond").outputMode("update").format("noop")
                .trigger(Trigger.ProcessingTime("300 milliseconds")).start();
        try {
            QueryStatus status = stateful.get(120, TimeUnit.SECONDS);
            assertEquals("perSecond", status.title());
            assertEquals(QueryState.ACTIVE, status.state());
            QueryBatch b = status.latest().orElseThrow();
            assertTrue(b.durationMs().containsKey("addBatch") && b.durationMs().containsKey("queryPlanning"), b.durationMs().toString());
            assertTrue(b.inputRowsPerSecond() > 0 && b.processedRowsPerSecond() > 0, b.toString());
            assertTrue(b.stateRows() > 0 && b.stateMemoryBytes() > 0, b.toString());
        } finally {
            CompletableFuture<QueryStatus> stopped = when(s -> s.id().equals(query.id()) && s.state() == QueryState.STOPPED);
            query.stop();
            assertEquals(QueryState.STOPPED, stopped.get(60, TimeUnit.SECONDS).state());
        }
    }

    @Test
    void aFailedQuerySaysWhy() throws Exception {
        CompletableFuture<QueryStatus> failed = when(s -> s.state() == QueryState.FAILED);
        spark.session().spark().readStream().format("rate").option("rowsPerSecond", 10).load()
                .map((MapFunction<Row, Long>) r -> {
                    if (r.getLong(1) >= 2) throw new IllegalStateException("bad tick " + r.getLong(1));
                    return r.getLong(1);
                }, Encoders.LONG())
                .writeStream().format("noop").start();
        QueryStatus status = failed.get(120, TimeUnit.SECONDS);
        assertTrue(status.failure().orElseThrow().contains("bad tick"), status.failure().get());
    }

    @Test
    void theHistoryOfAnEndlessQueryIsBounded() throws Exception {
        QueryListener small = new QueryListener(3);
        spark.session().spark().streams().addListener(small);
        try {
            CompletableFuture<QueryStatus> fiveBatches = new CompletableFuture<>();
            small.onChange(s -> {
                if (s.totalBatches() >= 5) fiveBatches.complete(s);
            });
            StreamingQuery query = spark.session().spark().readStream().format("rate").option("rowsPerSecond", 50).load()
                    .writeStream().format("noop").trigger(Trigger.ProcessingTime("100 milliseconds")).start();
            QueryStatus status = fiveBatches.get(120, TimeUnit.SECONDS);
            query.stop();
            assertEquals(3, status.batches().size(), "only the latest batches are kept");
            assertTrue(status.totalBatches() >= 5);
            assertFalse(status.failure().isPresent());
        } finally {
            spark.session().spark().streams().removeListener(small);
        }
    }
}
