package sparkbook.engine.tap;

import org.apache.spark.api.java.Optional;
import org.apache.spark.streaming.Durations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scala.Tuple2;
import sparkbook.engine.SessionPerClass;
import sparkbook.engine.TestSessions;
import sparkbook.engine.api.StreamingSession;
import sparkbook.engine.input.LiveQueue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TapTest {
    @RegisterExtension
    static final SessionPerClass spark = new SessionPerClass(TestSessions.local(2, Duration.ofSeconds(1)).withManualClock());
    private final StreamingSession session = spark.session();

    @Test
    void batchTapDeliversCountAndFirstRows() {
        LiveQueue<Integer> queue = LiveQueue.create(session.ssc());
        List<TapSample<Integer>> samples = new CopyOnWriteArrayList<>();
        BatchTap.attach(queue.stream().map(x -> x * 2), 3, samples::add);
        session.start();

        queue.push(IntStream.rangeClosed(1, 10).boxed().toList()).push(List.of(7));
        session.clock().orElseThrow().step(2);

        TapSample<Integer> first = samples.get(0);
        assertEquals(1000, first.batchTimeMs());
        assertEquals(10, first.count());
        assertEquals(List.of(2, 4, 6), first.rows());
        assertTrue(first.truncated());
        assertEquals(List.of("2", "4", "6"), first.rowsAsText());

        TapSample<Integer> second = samples.get(1);
        assertEquals(1, second.count());
        assertEquals(List.of(14), second.rows());
        assertFalse(second.truncated());
    }

    @Test
    void displaysOfOneStreamShareOneSamplingJobPerBatch() throws InterruptedException {
        LiveQueue<Integer> queue = LiveQueue.create(session.ssc());
        var doubled = queue.stream().map(x -> x * 2);
        SharedTaps taps = new SharedTaps();
        List<TapSample<Integer>> table = new CopyOnWriteArrayList<>();
        List<TapSample<Integer>> counts = new CopyOnWriteArrayList<>();
        taps.subscribe(doubled, 3, table::add);
        var countsOnly = taps.subscribe(doubled, 0, counts::add);
        session.start();

        queue.push(IntStream.rangeClosed(1, 10).boxed().toList()).push(List.of(7));
        session.clock().orElseThrow().step(2);
        assertTrue(taps.awaitDelivered(Duration.ofSeconds(30)), "samples arrive after their batch, in order");

        assertEquals(2, taps.samplesTaken(), "one job per batch for both displays");
        assertEquals(List.of(2, 4, 6), table.get(0).rows());
        assertEquals(List.of(10L, 1L), counts.stream().map(TapSample::count).toList());
        assertEquals(List.of(List.of(), List.of()), counts.stream().map(TapSample::rows).toList());
        assertTrue(counts.get(0).truncated());

        countsOnly.close();
        queue.push(List.of(1, 2));
        session.clock().orElseThrow().step(1);
        assertTrue(taps.awaitDelivered(Duration.ofSeconds(30)));
        assertEquals(3, table.size());
        assertEquals(2, counts.size(), "an unsubscribed display gets nothing more");
    }

    @Test
    void tapsReadQueuesOfCachedRddsAndCachedStreamsAsTheyAre() {
        // Spark refuses to change an RDD's storage level: a tap must not try, on input RDDs or on a user's choice
        java.util.Queue<org.apache.spark.api.java.JavaRDD<Integer>> queue = new java.util.LinkedList<>();
        queue.add(session.sc().parallelize(List.of(1, 2, 3)).cache());
        queue.add(session.sc().parallelize(List.of(4)).persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK()));
        var input = session.ssc().queueStream(queue, true);
        var doubled = input.map(x -> 2 * x).persist(org.apache.spark.storage.StorageLevel.DISK_ONLY());
        List<Long> inputCounts = new CopyOnWriteArrayList<>();
        List<Long> doubledCounts = new CopyOnWriteArrayList<>();
        BatchTap.attach(input, 2, sample -> inputCounts.add(sample.count()));
        BatchTap.attach(doubled, 2, sample -> doubledCounts.add(sample.count()));
        session.start();
        session.clock().orElseThrow().step(2);
        assertEquals(List.of(3L, 1L), inputCounts);
        assertEquals(List.of(3L, 1L), doubledCounts);
    }

    @Test
    void sharedStateTapsReportStateSizeAndTopKeysBesideTheBatch() throws InterruptedException {
        LiveQueue<String> words = LiveQueue.create(session.ssc());
        var counts = words.stream().mapToPair(w -> new Tuple2<>(w, 1L)).updateStateByKey(
                (List<Long> ones, Optional<Long> total) -> Optional.of(total.orElse(0L) + ones.size()));
        SharedTaps taps = new SharedTaps();
        List<StateSnapshot<String, Long>> snapshots = new CopyOnWriteArrayList<>();
        taps.subscribeState(counts, 1, StateTap.largestFirst(), snapshots::add, failure -> { });
        session.start();

        words.push(List.of("a", "b", "b")).push(List.of("a", "a"));
        session.clock().orElseThrow().step(2);
        assertTrue(taps.awaitDelivered(Duration.ofSeconds(30)));

        assertEquals(List.of(2L, 2L), snapshots.stream().map(StateSnapshot::size).toList());
        assertEquals(List.of(Map.entry("b", 2L)), snapshots.get(0).top());
        assertEquals(List.of(Map.entry("a", 3L)), snapshots.get(1).top());
    }

    @Test
    void manyTappedStreamsAllGetEveryBatch() throws InterruptedException {
        LiveQueue<Integer> queue = LiveQueue.create(session.ssc());
        SharedTaps taps = new SharedTaps();
        List<Long> counts = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 12; i++) {
            int k = i;
            taps.subscribe(queue.stream().filter(x -> x > k), 1, sample -> counts.add(sample.count()));
        }
        session.start();
        queue.push(IntStream.rangeClosed(1, 20).boxed().toList());
        session.clock().orElseThrow().step(1);
        assertTrue(taps.awaitDelivered(Duration.ofSeconds(30)));
        assertEquals(0, taps.skipped(), "a bound per stream: twelve streams' samples in flight at once are fine");
        assertEquals(12, counts.size());
        assertEquals(174L, counts.stream().mapToLong(Long::longValue).sum()); // 20 + 19 + ... + 9
    }

    @Test
    void aBatchWhoseComputationThrowsReachesTheDisplayAsAFailure() throws InterruptedException {
        LiveQueue<Integer> queue = LiveQueue.create(session.ssc());
        SharedTaps taps = new SharedTaps();
        List<TapFailure> failures = new CopyOnWriteArrayList<>();
        List<Long> counts = new CopyOnWriteArrayList<>();
        taps.subscribe(queue.stream().map(x -> 10 / x), 5, sample -> counts.add(sample.count()), failures::add);
        session.start();
        queue.push(List.of(0)).push(List.of(5));
        session.clock().orElseThrow().step(2);
        assertTrue(taps.awaitDelivered(Duration.ofSeconds(30)));
        assertEquals(List.of(new TapFailure(1000, "ArithmeticException: / by zero")), failures);
        assertEquals(List.of(1L), counts, "the next batch is sampled as usual");
        assertEquals(1, taps.failed());
    }

    @Test
    void aStreamNobodyWatchesIsNotSampled() throws InterruptedException {
        LiveQueue<Integer> queue = LiveQueue.create(session.ssc());
        SharedTaps taps = new SharedTaps();
        taps.subscribe(queue.stream(), 5, sample -> { }).close();
        session.start();
        queue.push(List.of(1));
        session.clock().orElseThrow().step(2);
        assertTrue(taps.awaitDelivered(Duration.ofSeconds(30)));
        assertEquals(0, taps.samplesTaken());
    }

    @Test
    void attachingAfterStartSaysHowToRebuild() {
        LiveQueue<Integer> queue = LiveQueue.create(session.ssc());
        queue.stream().print();
        session.start();
        var e = assertThrows(IllegalStateException.class, () -> BatchTap.attach(queue.stream(), 5, sample -> { }));
        assertTrue(e.getMessage().contains("must be called before ssc.start()"), e.getMessage());
        assertTrue(e.getMessage().contains("%%stream"), e.getMessage());
    }

    @Test
    void stateTapShowsStateSizeAndTopKeys() {
        LiveQueue<String> words = LiveQueue.create(session.ssc());
        var counts = words.stream().mapToPair(w -> new Tuple2<>(w, 1L)).updateStateByKey(
                (List<Long> ones, Optional<Long> total) -> Optional.of(total.orElse(0L) + ones.size()));
        List<StateSnapshot<String, Long>> snapshots = new CopyOnWriteArrayList<>();
        StateTap.attach(counts, 2, snapshots::add);
        session.start();

        words.push(List.of("a", "b", "b", "c", "c", "c")).push(List.of("a", "a", "a", "d"));
        session.clock().orElseThrow().step(2);

        StateSnapshot<String, Long> afterFirst = snapshots.get(0);
        assertEquals(3, afterFirst.size());
        assertEquals(List.of(Map.entry("c", 3L), Map.entry("b", 2L)), afterFirst.top());
        StateSnapshot<String, Long> afterSecond = snapshots.get(1);
        assertEquals(4, afterSecond.size());
        assertEquals(Map.entry("a", 4L), afterSecond.top().get(0));
    }

    @Test
    void windowSpecCoversTheBatchesSparksWindowEmits() {
        LiveQueue<Integer> queue = LiveQueue.create(session.ssc());
        WindowSpec spec = WindowSpec.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2));
        List<TapSample<Integer>> windows = new CopyOnWriteArrayList<>();
        BatchTap.attach(queue.stream().window(Durations.seconds(2), Durations.seconds(2)), 10, windows::add);
        session.start();

        queue.push(List.of(1)).push(List.of(2)).push(List.of(3)).push(List.of(4));
        session.clock().orElseThrow().step(4);

        assertEquals(2, windows.size(), "a 2-batch tumbling window fires every other batch");
        assertEquals(List.of(1000L, 2000L), spec.coveredBatchTimes(windows.get(0).batchTimeMs()));
        assertEquals(List.of(1, 2), windows.get(0).rows().stream().sorted().toList());
        assertEquals(List.of(3000L, 4000L), spec.coveredBatchTimes(windows.get(1).batchTimeMs()));
        assertTrue(spec.firesAt(windows.get(1).batchTimeMs(), 1000));
    }

    @Test
    void streamShapeTellsStateFromWindowFromPlainBatches() {
        LiveQueue<String> words = LiveQueue.create(session.ssc());
        var pairs = words.stream().mapToPair(w -> new Tuple2<>(w, 1L));
        var windowed = pairs.reduceByKeyAndWindow(Long::sum, Durations.seconds(3), Durations.seconds(1)).mapValues(n -> n * 2);
        var totals = pairs.updateStateByKey((List<Long> ones, Optional<Long> total) -> Optional.of(total.orElse(0L) + ones.size()));
        totals.print();

        StreamShape plain = StreamShape.of(pairs.dstream(), 1000);
        assertEquals(StreamShape.Kind.BATCHES, plain.kind());
        assertTrue(plain.window().isEmpty());
        StreamShape window = StreamShape.of(windowed.dstream(), 1000);
        assertEquals(StreamShape.Kind.WINDOW, window.kind(), "a window reaches the streams made from it");
        assertEquals(new WindowSpec(1000, 3000, 1000), window.window().orElseThrow());
        assertEquals("MapValued stream", window.description());
        assertEquals(StreamShape.Kind.STATE, StreamShape.of(totals.dstream(), 1000).kind());
    }
}
