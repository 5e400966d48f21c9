package sparkbook.engine.api;

import org.apache.spark.api.java.Optional;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.SparkbookStreamingAccess;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import scala.Tuple2;
import sparkbook.engine.SessionPerClass;
import sparkbook.engine.TestSessions;
import sparkbook.engine.errors.SparkAdvice;
import sparkbook.engine.input.LiveQueue;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Each trap provoked for real on Spark 4.2, then explained. */
class SparkTrapsTest {
    @RegisterExtension
    static final SessionPerClass spark = new SessionPerClass(TestSessions.local(2, Duration.ofMillis(500)));
    private final StreamingSession session = spark.session();

    @Test
    void addingOperationsAfterStartSaysRebuildThePipeline() {
        JavaStreamingContext ssc = session.ssc();
        LiveQueue<String> queue = LiveQueue.create(ssc);
        queue.stream().print();
        session.start();
        String advice = explained(() -> queue.stream().map(String::length));
        assertTrue(advice.contains("rebuild it: put the whole pipeline in one cell that starts with %%stream"), advice);
        assertTrue(advice.contains("%stream restart"), advice);
    }

    @Test
    void addingOperationsAfterStopSaysRenew() {
        LiveQueue<String> queue = LiveQueue.create(session.ssc());
        session.ssc().stop(false, false);
        String advice = explained(() -> queue.stream().map(String::length));
        assertTrue(advice.contains("%stream restart"), advice);
    }

    @Test
    void startingAStoppedContextSaysRenew() {
        JavaStreamingContext ssc = session.ssc();
        LiveQueue.create(ssc).stream().print();
        ssc.stop(false, false);
        String advice = explained(ssc::start);
        assertTrue(advice.startsWith("A stopped StreamingContext cannot be started again"), advice);
    }

    @Test
    void aSecondActiveContextSaysStopTheFirst() {
        LiveQueue.create(session.ssc()).stream().print();
        session.start();
        JavaStreamingContext second = SparkbookStreamingAccess.newStreamingContext(
                session.sc().sc(), Durations.seconds(1), false);
        LiveQueue.create(second).stream().print();
        try {
            String advice = explained(second::start);
            assertTrue(advice.contains("Another StreamingContext is already running"), advice);
        } finally {
            second.stop(false, false);
        }
    }

    @Test
    void windowNotAMultipleOfTheBatchSaysWhichMultiplesWork() {
        var numbers = LiveQueue.<Integer>create(session.ssc()).stream();
        String advice = explained(() -> numbers.window(Durations.milliseconds(1200))); // Spark checks on definition
        assertTrue(advice.contains("whole multiples of the batch interval"), advice);
    }

    @Test
    void statefulOperationWithoutCheckpointSaysSetOne() {
        JavaStreamingContext bare = SparkbookStreamingAccess.newStreamingContext(
                session.sc().sc(), Durations.seconds(1), false);
        // Spark checks the SparkContext-wide checkpoint dir, which the session's contexts have set
        var sessionCheckpoints = session.sc().sc().checkpointDir();
        session.sc().sc().checkpointDir_$eq(scala.Option.empty());
        try {
            LiveQueue.<Tuple2<String, Integer>>create(bare).<String, Integer>pairStream()
                    .updateStateByKey((List<Integer> values, Optional<Integer> state) -> state)
                    .print();
            String advice = explained(bare::start);
            assertTrue(advice.contains("call ssc.checkpoint(\"some/dir\") before start()"), advice);
        } finally {
            bare.stop(false, false);
            session.sc().sc().checkpointDir_$eq(sessionCheckpoints);
        }
    }

    @Test
    void noOutputOperationSaysAddOne() {
        JavaStreamingContext ssc = session.ssc();
        LiveQueue.create(ssc).stream().map(x -> x);
        String advice = explained(ssc::start);
        assertTrue(advice.contains("no output operation"), advice);
    }

    @Test
    void awaitingAContextNeverStartedFailsInsteadOfHanging() {
        var e = assertThrows(IllegalStateException.class, () -> session.awaitTerminationOrTimeout(Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("never started would wait forever"), e.getMessage());
    }

    @Test
    void unknownErrorsHaveNoAdviceButAShortDescription() {
        var error = new RuntimeException("wrapper", new IllegalArgumentException("odd\nsecond line"));
        assertTrue(SparkAdvice.explain(error).isEmpty());
        assertEquals("java.lang.RuntimeException: wrapper", SparkAdvice.describe(error));
    }

    @Test
    void sessionStartTranslatesTheTrapItself() {
        session.ssc().stop(false, false);
        var e = assertThrows(IllegalStateException.class, session::start);
        assertTrue(e.getMessage().startsWith("A stopped StreamingContext cannot be started again"), e.getMessage());
    }

    /** Runs the action, which must fail with a Spark exception that SparkAdvice explains. */
    // --- Structured Streaming ---------------------------------------------------------------------------------

    private org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> ticks() {
        return session.spark().readStream().format("rate").load();
    }

    @Test
    void anAggregationInAppendModeWithoutAWatermarkSaysAddOneOrUseUpdate() {
        String advice = explained(() -> ticks().groupBy("value").count().writeStream().outputMode("append").format("noop").start());
        assertTrue(advice.contains("withWatermark(") && advice.contains("outputMode(\"update\")"), advice);
    }

    @Test
    void completeModeWithoutAnAggregationSaysUseAppend() {
        String advice = explained(() -> ticks().writeStream().outputMode("complete").format("noop").start());
        assertTrue(advice.startsWith("Complete mode rewrites the whole result table"), advice);
    }

    @Test
    void showingAStreamingDatasetSaysDisplayOrStartIt() {
        String advice = explained(() -> ticks().show());
        assertTrue(advice.contains("display(ds) starts it"), advice);
    }

    @Test
    void aSecondQueryOfTheSameNameSaysStopTheFirst() throws Exception {
        var first = ticks().writeStream().queryName("twice").format("noop").start();
        try {
            String advice = explained(() -> ticks().writeStream().queryName("twice").format("noop").start());
            assertTrue(advice.startsWith("A query of that name still runs"), advice);
        } finally {
            first.stop();
        }
    }

    @Test
    void aSecondQueryOnTheCheckpointOfARunningOneIsRefusedNotSilentlyStoppingIt() throws Exception {
        String checkpoint = sparkbook.engine.TestSessions.WORK_DIR.resolve("shared-checkpoint-" + System.nanoTime()).toString();
        var first = ticks().writeStream().format("noop").option("checkpointLocation", checkpoint).start();
        try {
            String advice = explained(() -> ticks().writeStream().format("noop").option("checkpointLocation", checkpoint).start());
            assertTrue(advice.startsWith("A query is running on this checkpoint already"), advice);
            assertTrue(first.isActive(), "the first query goes on");
        } finally {
            first.stop();
        }
    }

    @Test
    void aWatermarkOnANumberSaysConvertItToATimestamp() {
        String advice = explained(() -> ticks().withWatermark("value", "1 second"));
        assertTrue(advice.startsWith("withWatermark needs a timestamp column"), advice);
    }

    private static String explained(Executable action) {
        try {
            action.execute();
        } catch (Throwable e) {
            return SparkAdvice.explain(e).orElseGet(() -> fail("no advice for " + e, e));
        }
        return fail("expected Spark to refuse");
    }
}
