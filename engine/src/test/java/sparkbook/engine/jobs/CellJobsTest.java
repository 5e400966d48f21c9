package sparkbook.engine.jobs;

import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sparkbook.engine.SessionPerClass;
import sparkbook.engine.TestSessions;
import sparkbook.engine.input.LiveQueue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Interrupting a cell: its jobs, also those started from threads it made, end and give their cores back. */
class CellJobsTest {
    private static final Duration ENOUGH = Duration.ofSeconds(30); // a guard against a hang, not a timing assertion

    @RegisterExtension
    static final SessionPerClass spark = new SessionPerClass(TestSessions.local(2, Duration.ofMillis(200)));

    @Test
    void cancellingACellInterruptsTasksStartedFromItsOwnThreads() throws Exception {
        JavaSparkContext sc = spark.session().sc();
        CompletableFuture<Long> job = new CompletableFuture<>();
        Thread cell = new Thread(() -> {
            CellJobs.enter(sc.sc(), "cell-1", "cell [1]", "request-1");
            Thread madeByTheCell = new Thread(() -> runSleepingJob(sc, 8, job));
            madeByTheCell.start();
        });
        cell.start();
        cell.join();
        awaitRunningTasks(sc.sc(), "cell-1");

        CellJobs.cancel(sc.sc(), "cell-1");
        assertEquals(Optional.empty(), CellJobs.awaitTasksEnded(sc.sc(), "cell-1", ENOUGH));
        assertTrue(job.handle((v, e) -> e != null).get(ENOUGH.toSeconds(), TimeUnit.SECONDS), "the job was cancelled");
        // Both cores are free: a job that needs them runs at once.
        assertEquals(4L, sc.parallelize(List.of(1, 2, 3, 4), 2).count());
    }

    @Test
    void aJobAThreadOfTheCellSubmitsAfterTheCancelIsCancelledToo() throws Exception {
        JavaSparkContext sc = spark.session().sc();
        CompletableFuture<Long> job = new CompletableFuture<>();
        Thread cellThread = new Thread(() -> {
            CellJobs.enter(sc.sc(), "cell-3", "cell [3]", "request-3");
            CellJobs.cancel(sc.sc(), "cell-3"); // the user interrupted before the cell's thread got to its job
            runSleepingJob(sc, 2, job);
        });
        cellThread.start();
        assertTrue(job.handle((v, e) -> e != null).get(ENOUGH.toSeconds(), TimeUnit.SECONDS), "the job was cancelled");
        assertEquals(Optional.empty(), CellJobs.awaitTasksEnded(sc.sc(), "cell-3", ENOUGH));
        assertEquals(4L, sc.parallelize(List.of(1, 2, 3, 4), 2).count(), "both cores are free");
    }

    @Test
    void aStreamStartedInTheCellKeepsItsBatchesWhenTheCellIsCancelled() throws Exception {
        LiveQueue<Integer> queue = LiveQueue.create(spark.session().ssc());
        List<Long> counts = new java.util.concurrent.CopyOnWriteArrayList<>();
        queue.stream().foreachRDD(rdd -> { counts.add(rdd.count()); });
        SparkContext sc = spark.session().sc().sc();
        Thread cell = new Thread(() -> {
            CellJobs.enter(sc, "cell-2", "cell [2]", "request-2");
            spark.session().start();
        });
        cell.start();
        cell.join();
        CellJobs.cancel(sc, "cell-2");
        queue.push(List.of(1, 2, 3));
        long deadline = System.nanoTime() + ENOUGH.toNanos();
        while (!counts.contains(3L) && System.nanoTime() < deadline) {
            spark.session().awaitTerminationOrTimeout(Duration.ofMillis(100));
        }
        assertTrue(counts.contains(3L), "batches ran after the cell's group was cancelled: " + counts);
        assertFalse(CellJobs.runningTasks(sc, "cell-2").iterator().hasNext());
    }

    /** A job of {@code tasks} tasks that each sleep ten minutes unless interrupted; its outcome goes to {@code job}. */
    private static void runSleepingJob(JavaSparkContext sc, int tasks, CompletableFuture<Long> job) {
        try {
            job.complete(sc.parallelize(IntStream.range(0, tasks).boxed().toList(), tasks).map(x -> {
                Thread.sleep(600_000);
                return x;
            }).count());
        } catch (Exception e) { // Spark's SparkException is checked in Java terms but thrown unchecked
            job.completeExceptionally(e);
        }
    }

    private static void awaitRunningTasks(SparkContext sc, String group) throws InterruptedException {
        long deadline = System.nanoTime() + ENOUGH.toNanos();
        while (CellJobs.runningTasks(sc, group).isEmpty()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the job's tasks never started");
            Thread.sleep(20);
        }
    }
}
