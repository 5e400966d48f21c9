package sparkbook.engine.query;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sparkbook.engine.SessionPerClass;
import sparkbook.engine.TestSessions;
import sparkbook.engine.input.LiveRows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state of real queries, read back with Spark's state data source. */
class QueryStateReaderTest {
    @RegisterExtension
    static final SessionPerClass spark = new SessionPerClass(TestSessions.local(2, Duration.ofSeconds(1)));

    private static long at(String time) {
        return Instant.parse("2026-01-01T" + time + "Z").toEpochMilli();
    }

    @Test
    void windowsInStateAreOpenUntilTheWatermarkPassesThemThenFinal() throws Exception {
        SparkSession session = spark.session().spark();
        session.conf().set("spark.sql.session.timeZone", "UTC");
        LiveRows<String> lines = LiveRows.lines(session);
        StreamingQuery query = windowedCounts(lines);
        try {
            QueryStateReader reader = QueryStateReader.of(query).orElseThrow();
            lines.push("12:00:01 a", "12:00:04 b", "12:00:08 a", "12:00:12 a");
            query.processAllAvailable();
            StoredState first = reader.read(10, OptionalLong.of(at("12:00:07")), 0).orElseThrow();
            assertTrue(first.windowed());
            assertEquals(3, first.rows(), "keys: (12:00:00, a), (12:00:00, b), (12:00:10, a)");
            assertEquals(List.of(new StoredState.StateWindow(at("12:00:00"), at("12:00:10"), 2, OptionalLong.of(3)),
                    new StoredState.StateWindow(at("12:00:10"), at("12:00:20"), 1, OptionalLong.of(1))), first.windows());
            assertTrue(first.windows().get(0).openAt(at("12:00:07")));
            assertTrue(first.finalised().isEmpty());
            assertEquals(List.of(2L), first.top().get(0).value(), "the largest count first: " + first.top());
            StoredState large = QueryStateReader.of(query).orElseThrow().read(10, OptionalLong.of(at("12:00:07")), Long.MAX_VALUE)
                    .orElseThrow();
            assertEquals(first.windows(), large.windows(), "a state too large to collect is summed up by Spark, the same");
            assertEquals(first.rows(), large.rows());
            assertEquals(first.top().get(0), large.top().get(0));

            lines.push("12:00:21 c");   // the watermark moves to 12:00:16: the first window leaves the state
            query.processAllAvailable();
            StoredState second = reader.read(10, OptionalLong.of(at("12:00:16")), 0).orElseThrow();
            assertTrue(second.batchId() > first.batchId());
            assertEquals(List.of(at("12:00:10"), at("12:00:20")), second.windows().stream().map(StoredState.StateWindow::startMs).toList());
            assertEquals(List.of(new StoredState.StateWindow(at("12:00:00"), at("12:00:10"), 2, OptionalLong.of(3))), second.finalised());
            assertEquals(second, reader.read(10, OptionalLong.of(at("12:00:16")), 0).orElseThrow(), "no new micro-batch: the same read");
        } finally {
            query.stop();
        }
    }

    @Test
    void aWindowThatCameAndWentBetweenTwoReadsIsStillSeenFinal() throws Exception {
        SparkSession session = spark.session().spark();
        session.conf().set("spark.sql.session.timeZone", "UTC");
        LiveRows<String> lines = LiveRows.lines(session);
        StreamingQuery query = windowedCounts(lines);
        try {
            lines.push("12:00:01 a");
            query.processAllAvailable();
            lines.push("12:00:21 b");   // the watermark passes 12:00:10: the first window leaves the state
            query.processAllAvailable();
            StoredState only = QueryStateReader.of(query).orElseThrow().read(10, OptionalLong.empty(), 0).orElseThrow();
            assertEquals(List.of(new StoredState.StateWindow(at("12:00:00"), at("12:00:10"), 1, OptionalLong.of(1))),
                    only.finalised(), "read in the micro-batches before the latest");
        } finally {
            query.stop();
        }
    }

    private static StreamingQuery windowedCounts(LiveRows<String> lines) throws Exception {
        Dataset<Row> events = lines.stream().select(
                to_timestamp(concat(lit("2026-01-01 "), split(col("value"), " ").getItem(0))).as("time"),
                split(col("value"), " ").getItem(1).as("word"));
        return events.withWatermark("time", "5 seconds")
                .groupBy(window(col("time"), "10 seconds"), col("word")).count()
                .writeStream().outputMode("append").format("noop")
                .option("checkpointLocation", TestSessions.WORK_DIR.resolve("state-reader-" + System.nanoTime()).toString())
                .start();
    }

    @Test
    void aQueryWithoutStateHasNone() throws Exception {
        SparkSession session = spark.session().spark();
        LiveRows<String> lines = LiveRows.lines(session);
        StreamingQuery query = lines.stream().writeStream().format("noop")
                .option("checkpointLocation", TestSessions.WORK_DIR.resolve("no-state-" + System.nanoTime()).toString())
                .start();
        try {
            lines.push("x");
            query.processAllAvailable();
            assertFalse(QueryStateReader.of(query).orElseThrow().read(10, OptionalLong.empty(), 0).isPresent());
        } finally {
            query.stop();
        }
    }
}
