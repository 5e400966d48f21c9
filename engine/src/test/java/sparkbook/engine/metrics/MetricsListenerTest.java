package sparkbook.engine.metrics;

import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.OutputOperationInfo;
import org.apache.spark.streaming.scheduler.StreamInputInfo;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.junit.jupiter.api.Test;
import scala.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The listener fed with the events Spark would post; real runs are covered by the Spark tests. */
class MetricsListenerTest {

    @Test
    void historyKeepsOnlyTheLatestBatches() {
        MetricsListener metrics = new MetricsListener(1000, 3);
        for (long t = 1; t <= 5; t++) {
            metrics.onBatchCompleted(batch(t * 1000, 10, null));
        }
        List<BatchSnapshot> kept = metrics.batches().snapshot();
        assertEquals(List.of(3000L, 4000L, 5000L), kept.stream().map(BatchSnapshot::batchTimeMs).toList());
        assertEquals(5, metrics.batches().completedBatches());
        assertEquals(3, metrics.batches().capacity());
    }

    @Test
    void snapshotIsAnImmutableCopy() {
        MetricsListener metrics = new MetricsListener(1000);
        metrics.onBatchCompleted(batch(1000, 10, null));
        List<BatchSnapshot> before = metrics.batches().snapshot();
        metrics.onBatchCompleted(batch(2000, 10, null));
        assertEquals(1, before.size());
        assertThrowsUnsupported(before);
    }

    @Test
    void batchSnapshotCarriesRecordsDelaysAndFailures() {
        MetricsListener metrics = new MetricsListener(1000);
        metrics.onBatchCompleted(batch(1000, 42, "java.lang.IllegalStateException: boom\n\tat Somewhere"));
        BatchSnapshot b = metrics.batches().latest().orElseThrow();
        assertEquals(Map.of(0, 42L), b.recordsPerStream());
        assertEquals(42, b.totalRecords());
        assertEquals(5, b.schedulingDelayMs().getAsLong());
        assertEquals(1500, b.processingTimeMs().getAsLong());
        assertEquals(Stability.FALLING_BEHIND, Stability.of(List.of(b), 1000), "1.5 s of processing for a 1 s batch falls behind");
        assertTrue(b.failed());
        assertEquals("java.lang.IllegalStateException: boom", b.failures().get(0).summary());
        assertEquals(1, metrics.batches().failedBatches());
        assertEquals(1, metrics.batches().recentFailures().size());
    }

    @Test
    void callbacksSeeEachBatchUntilClosedAndOneFailingCallbackDoesNotStopOthers() {
        MetricsListener metrics = new MetricsListener(1000);
        List<Long> seen = new ArrayList<>();
        metrics.onBatchCompleted(b -> {
            throw new IllegalStateException("bad display");
        });
        Subscription subscription = metrics.onBatchCompleted(b -> seen.add(b.batchTimeMs()));
        metrics.onBatchCompleted(batch(1000, 1, null));
        subscription.close();
        metrics.onBatchCompleted(batch(2000, 1, null));
        assertEquals(List.of(1000L), seen);
    }

    @Test
    void boundedHistoryForgetsTheOldest() {
        BoundedHistory<Integer> history = new BoundedHistory<>(2);
        history.add(1);
        history.add(2);
        history.add(3);
        assertEquals(List.of(2, 3), history.snapshot());
        assertEquals(3, history.latest().orElseThrow());
        history.clear();
        assertFalse(history.latest().isPresent());
    }

    private static void assertThrowsUnsupported(List<BatchSnapshot> list) {
        try {
            list.clear();
        } catch (UnsupportedOperationException expected) {
            return;
        }
        throw new AssertionError("snapshot should be immutable");
    }

    @SuppressWarnings("unchecked") // Scala's Map.updated is seen by javac through a raw signature
    private static StreamingListenerBatchCompleted batch(long timeMs, long records, String failure) {
        Time time = new Time(timeMs);
        var inputs = scala.collection.immutable.Map$.MODULE$.<Object, StreamInputInfo>empty()
                .updated(0, new StreamInputInfo(0, records, scala.collection.immutable.Map$.MODULE$.empty()));
        var output = new OutputOperationInfo(time, 0, "foreachRDD", "", some(timeMs + 5), some(timeMs + 1505), Option.apply(failure));
        var outputs = scala.collection.immutable.Map$.MODULE$.<Object, OutputOperationInfo>empty().updated(0, output);
        return new StreamingListenerBatchCompleted(new BatchInfo(time, inputs, timeMs, some(timeMs + 5), some(timeMs + 1505), outputs));
    }

    private static Option<Object> some(long value) {
        return Option.apply(value);
    }
}
