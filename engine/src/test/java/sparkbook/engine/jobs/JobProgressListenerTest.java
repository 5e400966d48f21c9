package sparkbook.engine.jobs;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scala.Tuple2;
import sparkbook.engine.SessionPerClass;
import sparkbook.engine.TestSessions;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cell's jobs, stage by stage and task by task, while they run and summed up once they ended. */
class JobProgressListenerTest {
    private static final Duration ENOUGH = Duration.ofSeconds(60); // a guard against a hang, not a timing assertion
    /** Tasks of the second half of a job wait here (local mode: tasks run in this JVM). */
    private static volatile CountDownLatch gate;

    @RegisterExtension
    static final SessionPerClass spark = new SessionPerClass(TestSessions.local(2, Duration.ofMillis(200)));

    @Test
    void aRunningJobShowsItsStageTasksDoneRunningOfAllThenItsTotals() throws Exception {
        JavaSparkContext sc = spark.session().sc();
        JobProgressListener progress = JobProgressListener.on(sc.sc());
        progress.follow("cell-1");
        gate = new CountDownLatch(1);
        CompletableFuture<Long> job = inGroup(sc, "cell-1", () -> sc.parallelize(IntStream.range(0, 200).boxed().toList(), 200)
                .map(x -> {
                    if (x >= 100) gate.await();
                    return x;
                }).count());

        CellWork midway = awaitWork(progress, "cell-1", w -> !w.running().isEmpty() && !w.running().get(0).stages().isEmpty()
                && w.running().get(0).stages().get(0).done() == 100 && w.running().get(0).stages().get(0).running() == 2);
        JobProgress running = midway.running().get(0);
        assertTrue(running.description().startsWith("count at JobProgressListenerTest.java:"), running.description());
        StageProgress stage = running.stages().get(0);
        assertEquals(200, stage.tasks());
        assertEquals(0.5, stage.fraction());
        assertEquals(0, midway.finished().jobs());

        gate.countDown();
        assertEquals(200L, job.get(ENOUGH.toSeconds(), TimeUnit.SECONDS));
        CellWork after = awaitWork(progress, "cell-1", w -> w.running().isEmpty() && w.finished().jobs() == 1);
        WorkTotals totals = progress.unfollow("cell-1");
        assertEquals(after.finished(), totals);
        assertEquals(200, totals.tasks());
        assertEquals(1, totals.stages());
        assertTrue(totals.lastEndMs() >= totals.firstStartMs() && totals.firstStartMs() > 0, totals.toString());
        assertEquals(CellWork.NONE, progress.snapshot("cell-1"), "an unfollowed group is forgotten");
    }

    @Test
    void aShuffleCountsTwoStagesAndTheBytesItMoved() throws Exception {
        JavaSparkContext sc = spark.session().sc();
        JobProgressListener progress = JobProgressListener.on(sc.sc());
        progress.follow("cell-2");
        progress.follow("cell-3");
        inGroup(sc, "cell-2", () -> sc.parallelize(IntStream.range(0, 1000).boxed().toList(), 4)
                .mapToPair(x -> new Tuple2<>(x % 10, 1)).reduceByKey(Integer::sum).count()).get(ENOUGH.toSeconds(), TimeUnit.SECONDS);
        // as a cell's end does: the action has returned; Spark posts its job's end a moment later
        assertTrue(progress.awaitJobsEnded("cell-2", ENOUGH));
        WorkTotals totals = progress.unfollow("cell-2");
        assertEquals(1, totals.jobs());
        assertEquals(2, totals.stages());
        assertEquals(4 + 4, totals.tasks());
        assertTrue(totals.shuffleWriteBytes() > 0 && totals.shuffleReadBytes() > 0, totals.toString());
        assertEquals(WorkTotals.NONE, progress.unfollow("cell-3"), "another group's jobs are not counted");
    }

    @Test
    void aFailingJobCountsAsFailed() throws Exception {
        JavaSparkContext sc = spark.session().sc();
        JobProgressListener progress = JobProgressListener.on(sc.sc());
        progress.follow("cell-4");
        CompletableFuture<Long> job = inGroup(sc, "cell-4", () -> sc.parallelize(java.util.List.of(1, 2), 2).map(x -> {
            if (x == 2) throw new IllegalStateException("bad record " + x);
            return x;
        }).count());
        assertThrows(java.util.concurrent.ExecutionException.class, () -> job.get(ENOUGH.toSeconds(), TimeUnit.SECONDS));
        awaitWork(progress, "cell-4", w -> w.finished().jobs() == 1);
        WorkTotals totals = progress.unfollow("cell-4");
        assertEquals(1, totals.failedJobs());
        assertTrue(totals.failedTasks() >= 1, totals.toString());
    }

    private static <T> CompletableFuture<T> inGroup(JavaSparkContext sc, String group, java.util.concurrent.Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread cell = new Thread(() -> {
            CellJobs.enter(sc.sc(), group, "cell", "request");
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        cell.start();
        return result;
    }

    /** Spark's listener bus delivers events on its own thread, and has no public wait: read until it has. */
    private static CellWork awaitWork(JobProgressListener progress, String group, Predicate<CellWork> until) throws InterruptedException {
        long deadline = System.nanoTime() + ENOUGH.toNanos();
        CellWork w = progress.snapshot(group);
        while (!until.test(w)) {
            if (System.nanoTime() > deadline) throw new AssertionError("never reached; last: " + w);
            Thread.sleep(10);
            w = progress.snapshot(group);
        }
        return w;
    }
}
