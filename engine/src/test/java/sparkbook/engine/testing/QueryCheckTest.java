package sparkbook.engine.testing;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.streaming.OutputMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sparkbook.engine.SessionPerClass;
import sparkbook.engine.TestSessions;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** QueryCheck as a test author uses it: input rows per batch, the query, its output mode, rows expected per batch. */
class QueryCheckTest {
    @RegisterExtension
    static final SessionPerClass spark = new SessionPerClass(TestSessions.local(2, Duration.ofSeconds(1)));
    private final QueryCheck queries = QueryCheck.on(spark.session().spark()).withWorkDir(TestSessions.WORK_DIR);

    static final Function<Dataset<String>, Dataset<Row>> WORD_COUNT = words -> words.groupBy("value").count();

    /** "12:00:03 apple": an event at that time of 2026-01-01; counted per 10 s window, 5 s of lateness allowed. */
    static final Function<Dataset<String>, Dataset<Row>> WINDOWS = lines -> {
        Dataset<Row> events = lines.select(
                to_timestamp(concat(lit("2026-01-01 "), split(col("value"), " ").getItem(0))).as("time"),
                split(col("value"), " ").getItem(1).as("word"));
        return events.withWatermark("time", "5 seconds")
                .groupBy(window(col("time"), "10 seconds"), col("word")).count()
                .select(date_format(col("window.start"), "HH:mm:ss").as("start"), col("word"), col("count"));
    };

    @Test
    void completeModeComparesTheResultTableAfterEachBatch() {
        StreamCheckReport report = queries.checkLines(
                List.of(List.of("a", "b", "a"), List.of("b")),
                WORD_COUNT, OutputMode.Complete(),
                List.of(List.of(List.of("a", 2), List.of("b", 1)),
                        List.of(RowFactory.create("a", 2L), RowFactory.create("b", 2))));
        report.assertPassed();
        assertEquals(StreamCheckReport.QUERY_CHECK, report.subject());
        assertEquals("micro-batch 0", report.batches().get(0).note());
        assertTrue(report.toText().startsWith("query check passed: 2 batches"), report.toText());
    }

    @Test
    void appendModeEmitsAWindowInTheBatchWhereTheWatermarkPassesItsEnd() {
        StreamCheckReport report = queries.checkLines(
                List.of(List.of("12:00:01 a", "12:00:04 b", "12:00:08 a"),
                        List.of("12:00:16 a"),                  // watermark 12:00:11: the 12:00:00 window is final
                        List.of("12:00:03 a", "12:00:22 b")),   // 12:00:03 is late and dropped
                WINDOWS, OutputMode.Append(),
                List.of(List.of(),
                        List.of(List.of("12:00:00", "a", 2), List.of("12:00:00", "b", 1)),
                        List.of()));
        report.assertPassed();
        // each batch runs its data micro-batch, then the no-data micro-batch Spark runs because the watermark moved
        assertTrue(report.batches().get(0).note().matches("micro-batches 0-1 · watermark 2026-01-01T\\d\\d:\\d0:03Z"),
                report.batches().get(0).note());
        BatchCheck second = report.batches().get(1);
        // the watermark: the latest event time (12:00:16) less the 5 s allowed, printed in UTC
        assertTrue(second.note().matches("micro-batches 2-3 · watermark 2026-01-01T\\d\\d:\\d0:11Z"), second.note());
    }

    @Test
    void aDifferingBatchIsNamedWithItsMissingAndUnexpectedRows() {
        StreamCheckReport report = queries.checkLines(
                List.of(List.of("a"), List.of("b", "b")),
                WORD_COUNT, OutputMode.Update(),
                List.of(List.of(List.of("a", 1)), List.of(List.of("b", 3))));
        assertFalse(report.passed());
        BatchCheck second = report.failedBatches().get(0);
        assertEquals(1, second.index());
        assertEquals(List.of(ResultRow.of(List.of("b", 3))), second.missing());
        assertEquals(List.of(ResultRow.of(List.of("b", 2))), second.unexpected());
        AssertionError error = assertThrows(AssertionError.class, report::assertPassed);
        assertTrue(error.getMessage().contains("query check FAILED: 1 of 2 batches differ"), error.getMessage());
        assertTrue(error.getMessage().contains("missing:    [b,3]"), error.getMessage());
    }

    @Test
    void aBatchThatThrowsIsReportedAtThatBatch() {
        StreamCheckReport report = queries.checkLines(
                List.of(List.of("fine"), List.of("boom")),
                lines -> lines.map((MapFunction<String, String>) line -> {
                    if (line.equals("boom")) throw new IllegalArgumentException("no booms here");
                    return line;
                }, Encoders.STRING()),
                OutputMode.Append(),
                List.of(List.of("fine"), List.of()));
        assertFalse(report.passed());
        StreamCheckFailure failure = report.failure().orElseThrow();
        assertEquals(1, failure.batchIndex());
        assertTrue(failure.summary().contains("no booms here"), failure.summary());
    }

    @Test
    void anOutputModeTheQueryCannotUseFailsBeforeTheFirstBatch() {
        StreamCheckReport report = queries.checkLines(List.of(List.of("a")), WORD_COUNT, OutputMode.Append(),
                List.of(List.of(List.of("a", 1))));
        StreamCheckFailure failure = report.failure().orElseThrow();
        assertTrue(failure.beforeFirstBatch(), failure.toString());
        assertTrue(report.toText().contains("failed before the first batch"), report.toText());
    }

    @Test
    void captureReturnsWhatEachBatchWrote() {
        List<List<ResultRow>> out = queries.capture(Encoders.STRING(), List.of(List.of("x"), List.of("x", "y")),
                WORD_COUNT, OutputMode.Update());
        assertEquals(List.of(ResultRow.of(List.of("x", 1))), out.get(0));
        assertEquals(2, out.get(1).size());
        assertEquals("[x,2]", out.get(1).stream().filter(r -> r.values().get(0).equals("x")).findFirst().orElseThrow().toString());
    }
}
