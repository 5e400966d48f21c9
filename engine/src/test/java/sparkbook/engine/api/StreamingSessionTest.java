package sparkbook.engine.api;

import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sparkbook.engine.SessionPerClass;
import sparkbook.engine.TestSessions;
import sparkbook.engine.input.DropFolder;
import sparkbook.engine.input.LineServer;
import sparkbook.engine.input.LiveQueue;
import sparkbook.engine.input.RateReceiver;
import sparkbook.engine.metrics.ReceiverSnapshot;
import sparkbook.engine.tap.BatchTap;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A session on the real clock, as a notebook uses it: define, start, feed, watch, renew. */
class StreamingSessionTest {
    private static final long WAIT_SECONDS = 60; // generous guard against a hang, not a timing assertion

    @RegisterExtension
    static final SessionPerClass spark = new SessionPerClass(TestSessions.local(2, Duration.ofMillis(200)));
    private final StreamingSession session = spark.session();

    @Test
    void sqlRunsOnTheSameSparkContextAndCanBeWarmedInTheBackground() throws Exception {
        assertSame(session.sc().sc(), session.spark().sparkContext());
        Duration warmUp = session.warmUpSql().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertFalse(warmUp.isNegative());
    }

    @Test
    void sparkInfoGoesToTheLogFile() throws Exception {
        String log = Files.readString(session.config().logFile());
        assertTrue(log.contains("INFO") && log.contains("SparkContext"), "Spark's INFO lines are in the log file");
    }

    @Test
    void renewStopsOnlyStreamingAndGivesAFreshContext() {
        JavaStreamingContext old = session.ssc();
        LiveQueue.create(old).stream().print();
        session.start();
        assertEquals(SessionState.ACTIVE, session.state());

        JavaStreamingContext fresh = session.renew();

        assertNotSame(old, fresh);
        assertSame(fresh, session.ssc());
        assertEquals(SessionState.INITIALIZED, session.state());
        assertFalse(session.sc().sc().isStopped(), "the SparkContext survives renew()");
    }

    @Test
    void startWithoutAnOutputOperationIsRefusedAndTheContextStaysUsable() {
        LiveQueue.create(session.ssc()).stream().map(x -> x);
        var e = assertThrows(IllegalStateException.class, session::start);
        assertTrue(e.getMessage().contains("no output operation"), e.getMessage());
        assertEquals(SessionState.INITIALIZED, session.state(), "checked before Spark could mark it stopped");
    }

    @Test
    void receiversTakingEveryCoreAreRefusedWithTheFix() {
        session.ssc().receiverStream(new RateReceiver(10)).print();
        session.ssc().receiverStream(new RateReceiver(10)).print();
        var e = assertThrows(IllegalStateException.class, session::start);
        assertEquals("local[2] with 2 receivers leaves no core to process the data: use %spark master=local[3] or more.",
                e.getMessage());
    }

    @Test
    void liveQueueDataShowsUpInATap() throws InterruptedException {
        LiveQueue<String> queue = LiveQueue.create(session.ssc());
        CountDownLatch seen = new CountDownLatch(1);
        BatchTap.attach(queue.stream(), 10, sample -> {
            if (sample.rows().equals(List.of("x", "y"))) {
                seen.countDown();
            }
        });
        session.start();
        queue.push(List.of("x", "y"));
        assertTrue(seen.await(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void lineServerFeedsSocketTextStream() throws InterruptedException {
        try (LineServer server = LineServer.start()) {
            Set<String> received = ConcurrentHashMap.newKeySet();
            CountDownLatch both = new CountDownLatch(1);
            BatchTap.attach(session.ssc().socketTextStream("127.0.0.1", server.port()), 100, sample -> {
                received.addAll(sample.rows());
                if (received.containsAll(Set.of("hello", "world"))) {
                    both.countDown();
                }
            });
            session.start();
            server.send("hello", "world");
            assertTrue(both.await(WAIT_SECONDS, TimeUnit.SECONDS), "received " + received);
        }
    }

    @Test
    void dropFolderFeedsTextFileStream() throws InterruptedException {
        DropFolder drops = DropFolder.create(TestSessions.WORK_DIR);
        CountDownLatch seen = new CountDownLatch(1);
        BatchTap.attach(session.ssc().textFileStream(drops.path()), 10, sample -> {
            if (sample.count() == 2) {
                seen.countDown();
            }
        });
        session.start();
        drops.drop("part-1.txt", List.of("first", "second"));
        assertTrue(seen.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertThrows(IllegalArgumentException.class, () -> drops.drop(".hidden", List.of()));
    }

    @Test
    void rateReceiverAppearsInTheReceiverTableWithItsRate() throws InterruptedException {
        BatchTap.attach(session.ssc().receiverStream(new RateReceiver(50)), 0, sample -> { });
        CountDownLatch flowing = new CountDownLatch(1);
        session.metrics().onBatchCompleted(batch -> {
            if (session.metrics().receivers().snapshot().stream().anyMatch(r -> r.recordsPerSecond() > 0)) {
                flowing.countDown();
            }
        });
        session.start();
        assertTrue(flowing.await(WAIT_SECONDS, TimeUnit.SECONDS));
        ReceiverSnapshot receiver = session.metrics().receivers().snapshot().get(0);
        assertTrue(receiver.active());
        assertTrue(receiver.name().contains("RateReceiver"), receiver.name());
        assertTrue(receiver.lastError().isEmpty());
    }

    @Test
    void stopEndsAwaitTermination() throws InterruptedException {
        LiveQueue.create(session.ssc()).stream().print();
        session.start();
        assertFalse(session.awaitTerminationOrTimeout(Duration.ofMillis(1)));
        session.stop();
        assertTrue(session.awaitTerminationOrTimeout(Duration.ofSeconds(WAIT_SECONDS)));
        assertEquals(SessionState.STOPPED, session.state());
    }

    @Test
    void awaitBatchesWaitsForCompletedBatchesAndEndsWhenTheStreamStops() throws InterruptedException {
        LiveQueue<String> queue = LiveQueue.create(session.ssc());
        List<Long> counts = new java.util.concurrent.CopyOnWriteArrayList<>();
        queue.stream().foreachRDD(rdd -> {
            counts.add(rdd.count());
        });
        queue.push(List.of("a", "b"));
        session.start();
        assertTrue(session.awaitBatches(2, Duration.ofSeconds(WAIT_SECONDS)));
        assertTrue(counts.size() >= 2 && counts.get(0) == 2, counts.toString());
        session.stop();
        assertFalse(session.awaitBatches(1, Duration.ofSeconds(WAIT_SECONDS)), "a stopped stream completes no batch");
    }
}
