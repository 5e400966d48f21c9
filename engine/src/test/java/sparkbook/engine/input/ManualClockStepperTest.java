package sparkbook.engine.input;

import org.apache.spark.api.java.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scala.Tuple2;
import sparkbook.engine.SessionPerClass;
import sparkbook.engine.TestSessions;
import sparkbook.engine.api.SessionState;
import sparkbook.engine.api.StreamingSession;
import sparkbook.engine.metrics.BatchSnapshot;
import sparkbook.engine.tap.BatchTap;
import sparkbook.engine.tap.TapSample;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A manual-clock session: batches run only when stepped, so every assertion is exact. */
class ManualClockStepperTest {
    @RegisterExtension
    static final SessionPerClass spark = new SessionPerClass(TestSessions.local(2, Duration.ofSeconds(1)).withManualClock());
    private final StreamingSession session = spark.session();
    /** Static, so the output function does not capture it: checkpointing serializes the graph. */
    private static final java.util.concurrent.CountDownLatch RELEASE_BATCH_2 = new java.util.concurrent.CountDownLatch(1);

    @Test
    void stepRunsExactlyTheRequestedBatches() {
        LiveQueue<String> queue = LiveQueue.create(session.ssc());
        List<Long> tapped = new CopyOnWriteArrayList<>();
        BatchTap.attach(queue.stream(), 1, sample -> tapped.add(sample.batchTimeMs()));
        session.start();
        ManualClockStepper clock = session.clock().orElseThrow();

        assertEquals(3000, clock.step(3));
        assertEquals(List.of(1000L, 2000L, 3000L), tapped);
        assertEquals(3, session.metrics().batches().completedBatches());

        assertEquals(4000, clock.step(1));
        assertEquals(4, tapped.size());
    }

    @Test
    void liveQueueTakesDataAfterStartOneItemPerBatchAndReportsCounts() {
        LiveQueue<String> queue = LiveQueue.create(session.ssc());
        List<TapSample<String>> samples = new CopyOnWriteArrayList<>();
        BatchTap.attach(queue.stream(), 10, samples::add);
        session.start();
        ManualClockStepper clock = session.clock().orElseThrow();

        queue.push(List.of("a", "b", "c")).push(session.sc().parallelize(List.of("d")));
        clock.step(3);

        assertEquals(List.of(3L, 1L, 0L), samples.stream().map(TapSample::count).toList());
        assertEquals(List.of("a", "b", "c"), samples.get(0).rows());
        List<Long> totals = session.metrics().batches().snapshot().stream().map(BatchSnapshot::totalRecords).toList();
        assertEquals(List.of(3L, 1L, 0L), totals, "LiveQueue reports its record counts to the batch metrics");
        assertEquals(0, queue.pending());
    }

    @Test
    void liveQueueFeedsUpdateStateByKeyWithCheckpointingOn() {
        LiveQueue<Tuple2<String, Integer>> queue = LiveQueue.create(session.ssc());
        List<TapSample<Tuple2<String, Integer>>> states = new CopyOnWriteArrayList<>();
        var counts = queue.<String, Integer>pairStream().updateStateByKey(
                (List<Integer> values, Optional<Integer> state) ->
                        Optional.of(state.orElse(0) + values.stream().mapToInt(Integer::intValue).sum()));
        BatchTap.attach(counts, 10, states::add);
        session.start();
        ManualClockStepper clock = session.clock().orElseThrow();

        queue.push(List.of(new Tuple2<>("a", 1), new Tuple2<>("b", 1)));
        clock.step(1);
        queue.push(List.of(new Tuple2<>("a", 5)));
        clock.step(2);

        assertEquals(3, states.size());
        assertEquals(List.of(new Tuple2<>("a", 6), new Tuple2<>("b", 1)),
                states.get(2).rows().stream().sorted((x, y) -> x._1().compareTo(y._1())).toList());
    }

    @Test
    void aFailingOutputOperationFailsTheStepAndIsCountedInTheMetrics() {
        LiveQueue<Integer> queue = LiveQueue.create(session.ssc());
        queue.stream().foreachRDD(rdd -> {
            if (!rdd.isEmpty()) {
                throw new IllegalStateException("sink is down");
            }
        });
        session.start();
        ManualClockStepper clock = session.clock().orElseThrow();
        clock.step(1);

        queue.push(List.of(1));
        var failure = assertThrows(BatchFailedException.class, () -> clock.step(1));
        assertEquals(2000, failure.batchTimeMs());
        assertTrue(failure.getMessage().contains("sink is down"), failure.getMessage());
        assertThrows(BatchFailedException.class, () -> clock.step(1), "a failed context stays failed");
    }

    @Test
    void failuresReachTheMetricsWithTheExceptionText() throws InterruptedException {
        LiveQueue<Integer> queue = LiveQueue.create(session.ssc());
        queue.stream().foreachRDD(rdd -> {
            throw new IllegalArgumentException("bad row");
        });
        var failed = new java.util.concurrent.CountDownLatch(1);
        session.metrics().onBatchCompleted(batch -> {
            if (batch.failed()) {
                failed.countDown();
            }
        });
        session.start();
        assertThrows(BatchFailedException.class, () -> session.clock().orElseThrow().step(1));
        assertTrue(failed.await(30, java.util.concurrent.TimeUnit.SECONDS), "the failed batch reaches the listener");
        var failure = session.metrics().batches().recentFailures().get(0);
        assertTrue(failure.summary().contains("bad row"), failure.summary());
        assertEquals(1, session.metrics().batches().failedBatches());
    }

    @Test
    void theTimeoutBoundsEachBatchNotTheWholeStep() {
        LiveQueue<Integer> queue = LiveQueue.create(session.ssc());
        queue.stream().foreachRDD(rdd -> Thread.sleep(300)); // a slow sink: 300 ms per batch
        session.start();
        ManualClockStepper clock = session.clock().orElseThrow();

        assertEquals(5000, clock.step(5, Duration.ofMillis(1000)), "5 batches of 300 ms each fit a 1 s timeout per batch");
    }

    @Test
    void aBatchThatNeverEndsFailsTheStepWithAClearMessage() {
        LiveQueue<Integer> queue = LiveQueue.create(session.ssc());
        queue.stream().foreachRDD((rdd, time) -> {
            if (time.milliseconds() == 2000) RELEASE_BATCH_2.await();
        });
        session.start();
        ManualClockStepper clock = session.clock().orElseThrow();
        try {
            var e = assertThrows(IllegalStateException.class, () -> clock.step(3, Duration.ofMillis(500)));
            assertTrue(e.getMessage().startsWith("Batch at 2000 ms did not complete within 500 ms"), e.getMessage());
        } finally {
            RELEASE_BATCH_2.countDown();
        }
    }

    @Test
    void steppingBeforeStartSaysStartFirst() {
        LiveQueue.create(session.ssc()).stream().print();
        ManualClockStepper clock = ManualClockStepper.attach(session.ssc());
        var e = assertThrows(IllegalStateException.class, () -> clock.step(1));
        assertTrue(e.getMessage().contains("start() it before stepping"), e.getMessage());
        assertEquals(SessionState.INITIALIZED, session.state());
    }
}
