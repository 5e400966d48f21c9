package sparkbook.engine.testing;

import org.apache.spark.api.java.Optional;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.State;
import org.apache.spark.streaming.StateSpec;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scala.Tuple2;
import sparkbook.engine.SessionPerClass;
import sparkbook.engine.TestSessions;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** StreamCheck as a test author uses it: batches in, operation, batches expected. */
class StreamCheckTest {
    @RegisterExtension
    static final SessionPerClass spark = new SessionPerClass(TestSessions.local(2, Duration.ofSeconds(1)));
    private final StreamCheck streams = StreamCheck.on(spark.session().sc()).withWorkDir(TestSessions.WORK_DIR);

    static final Function<JavaDStream<String>, JavaPairDStream<String, Integer>> WORD_COUNT = lines -> lines
            .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
            .mapToPair(word -> new Tuple2<>(word, 1))
            .reduceByKey(Integer::sum);

    @Test
    void wordCountPerBatch() {
        streams.check(
                List.of(List.of("a b a"), List.of("b c")),
                WORD_COUNT,
                List.of(List.of(pair("a", 2), pair("b", 1)), List.of(pair("b", 1), pair("c", 1))))
                .assertPassed();
    }

    @Test
    void failingExpectationNamesTheBatchAndTheRows() {
        StreamCheckReport report = streams.check(
                List.of(List.of("a"), List.of("b b")),
                WORD_COUNT,
                List.of(List.of(pair("a", 1)), List.of(pair("b", 3))));

        assertFalse(report.passed());
        BatchCheck second = report.failedBatches().get(0);
        assertEquals(1, second.index());
        assertEquals(List.of(pair("b", 3)), second.missing());
        assertEquals(List.of(pair("b", 2)), second.unexpected());

        AssertionError error = assertThrows(AssertionError.class, report::assertPassed);
        String message = error.getMessage();
        assertTrue(message.contains("1 of 2 batches differ"), message);
        assertTrue(message.contains("batch[1] @ 2000 ms: DIFFERS"), message);
        assertTrue(message.contains("- missing:    (b,3)"), message);
        assertTrue(message.contains("+ unexpected: (b,2)"), message);
        assertTrue(message.contains("batch[0] @ 1000 ms: ok"), message);
    }

    @Test
    void exactOrderReportsSameRowsInAnotherOrder() {
        StreamCheckReport report = streams.check(
                List.of(List.of(1, 2, 3)), s -> s.map(x -> x * 10), List.of(List.of(30, 20, 10)), RowOrder.EXACT);
        assertFalse(report.passed());
        assertTrue(report.batches().get(0).onlyOrderDiffers());
        assertTrue(report.toText().contains("same rows, different order"), report.toText());
    }

    @Test
    void slidingWindowSpansBatchesAndDrainsOnExtraEmptyBatches() {
        // 2-batch window sliding every batch; two more batches expected than given: the window drains
        streams.check(
                List.of(List.of(1), List.of(2), List.of(3)),
                s -> s.window(Durations.seconds(2), Durations.seconds(1)),
                List.of(List.of(1), List.of(1, 2), List.of(2, 3), List.of(3), List.of()))
                .assertPassed();
    }

    @Test
    void tumblingWindowEmitsOnlyAtItsSlides() {
        streams.check(
                List.of(List.of(1), List.of(2), List.of(3), List.of(4)),
                s -> s.reduceByWindow(Integer::sum, Durations.seconds(2), Durations.seconds(2)),
                List.of(List.of(), List.of(3), List.of(), List.of(7)))
                .assertPassed();
    }

    @Test
    void updateStateByKeyCarriesCountsAcrossBatchesIncludingEmptyOnes() {
        streams.checkPairs(
                List.of(List.of(pair("a", 1)), List.of(pair("a", 1), pair("b", 1)), List.of(), List.of(pair("b", 5))),
                pairs -> pairs.updateStateByKey(
                        (List<Integer> values, Optional<Integer> state) ->
                                Optional.of(state.orElse(0) + values.stream().mapToInt(Integer::intValue).sum())),
                List.of(List.of(pair("a", 1)),
                        List.of(pair("a", 2), pair("b", 1)),
                        List.of(pair("a", 2), pair("b", 1)),
                        List.of(pair("a", 2), pair("b", 6))))
                .assertPassed();
    }

    @Test
    void mapWithStateEmitsRunningTotals() {
        streams.checkPairs(
                List.of(List.of(pair("k", 2)), List.of(pair("k", 3))),
                pairs -> pairs.mapWithState(StateSpec.function(
                        (String key, Optional<Integer> value, State<Integer> state) -> {
                            int total = (state.exists() ? state.get() : 0) + value.orElse(0);
                            state.update(total);
                            return key + "=" + total;
                        })),
                List.of(List.of("k=2"), List.of("k=5")))
                .assertPassed();
    }

    @Test
    void emptyBatchesGiveEmptyOutput() {
        streams.check(List.of(List.of(), List.<String>of()), WORD_COUNT, List.of(List.of(), List.of())).assertPassed();
    }

    @Test
    void anOperationThatThrowsIsReportedAtItsBatch() {
        StreamCheckReport report = streams.check(
                List.of(List.of(1), List.of(2), List.of(3), List.of(4)),
                s -> s.map(x -> {
                    if (x == 3) {
                        throw new IllegalStateException("boom on 3");
                    }
                    return x;
                }),
                List.of(List.of(1), List.of(2), List.of(3), List.of(4)));

        assertFalse(report.passed());
        StreamCheckFailure failure = report.failure().orElseThrow();
        assertEquals(2, failure.batchIndex());
        assertEquals(3000, failure.batchTimeMs());
        assertTrue(failure.summary().contains("boom on 3"), failure.summary());
        assertEquals(2, report.batches().size(), "the batches before the failure were checked");
        assertTrue(report.toText().contains("batch[2] @ 3000 ms FAILED"), report.toText());
    }

    @Test
    void aDriverSideFailureWhileBuildingABatchIsReportedToo() {
        StreamCheckReport report = streams.check(
                List.of(List.of(1), List.of(2)),
                s -> s.transform(rdd -> {
                    if (rdd.isEmpty()) {
                        return rdd;
                    }
                    throw new IllegalArgumentException("no data allowed");
                }),
                List.of(List.of(), List.of()));
        StreamCheckFailure failure = report.failure().orElseThrow();
        assertEquals(0, failure.batchIndex());
        assertTrue(failure.summary().contains("no data allowed"), failure.summary());
    }

    @Test
    void aPipelineSparkRejectsFailsBeforeTheFirstBatchWithAdvice() {
        StreamCheckReport report = streams.check(
                List.of(List.of(1)), s -> s.window(Durations.milliseconds(1500)), List.of(List.of(1)));
        StreamCheckFailure failure = report.failure().orElseThrow();
        assertTrue(failure.beforeFirstBatch());
        assertTrue(failure.summary().contains("multiples of the batch interval"), failure.summary());
    }

    @Test
    void captureReturnsWhatEachBatchProduced() {
        List<List<Integer>> out = streams.capture(
                List.of(List.of(1, 2), List.of(3)), s -> s.filter(x -> x % 2 == 1), 3);
        assertEquals(List.of(List.of(1), List.of(3), List.of()), out);
    }

    @Test
    void captureThrowsWhenABatchFails() {
        var e = assertThrows(StreamCheckException.class, () -> streams.capture(
                List.of(List.of(0)), s -> s.map(x -> 1 / x), 1));
        assertTrue(e.getMessage().contains("ArithmeticException"), e.getMessage());
        assertEquals(0, e.failure().batchIndex());
    }

    static Tuple2<String, Integer> pair(String key, int value) {
        return new Tuple2<>(key, value);
    }
}
