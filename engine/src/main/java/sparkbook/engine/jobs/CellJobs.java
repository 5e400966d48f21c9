package sparkbook.engine.jobs;

import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.TaskContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Spark jobs of one notebook cell, as a job group whose cancellation interrupts its task threads. Spark keeps
 * the group in inheritable thread-local properties, so jobs started from threads the cell makes are in it too;
 * a StreamingContext started in the cell leaves the group (Spark clears it for batch jobs), so interrupting the
 * cell never fails a running stream's batch.
 *
 * <pre>{@code
 * CellJobs.enter(sc, "cell-7", "cell [7]", requestId);   // on the thread that will run the cell
 * ...                                                   // the cell runs jobs, perhaps from its own threads
 * CellJobs.cancel(sc, "cell-7");                         // from another thread: the user interrupted
 * Optional<String> left = CellJobs.awaitTasksEnded(sc, "cell-7", Duration.ofSeconds(10));
 * CellJobs.leave(sc);
 * }</pre>
 */
public final class CellJobs {
    /** The local property naming the request of the cell that made a job; tasks carry it to executors. */
    public static final String CELL_PROPERTY = "sparkbook.cell";
    private static final long POLL_MS = 20;

    private CellJobs() {}

    /** Puts the calling thread's jobs, and those of threads it starts from now on, in the cell's group. */
    public static void enter(SparkContext sc, String group, String description, String cellRequestId) {
        sc.setJobGroup(group, description, true);
        sc.setLocalProperty(CELL_PROPERTY, cellRequestId);
    }

    /** Takes the calling thread out of any cell's group. */
    public static void leave(SparkContext sc) {
        sc.clearJobGroup();
        sc.setLocalProperty(CELL_PROPERTY, null);
    }

    /**
     * Cancels the group's jobs, interrupting their task threads (a task in Thread.sleep or blocking I/O ends), and
     * every job submitted to the group from now on: a thread the cell made may submit its job after the interrupt
     * (a group names one cell, so none of its jobs should run any more).
     */
    public static void cancel(SparkContext sc, String group) {
        sc.cancelJobGroupAndFutureJobs(group, "the cell was interrupted");
    }

    /**
     * Waits until no task of the group's jobs runs any more, at most {@code timeout}. Empty when they all ended;
     * otherwise says which jobs still run how many tasks (a task that ignores interrupts, a busy loop).
     */
    public static Optional<String> awaitTasksEnded(SparkContext sc, String group, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> running = runningTasks(sc, group);
            if (running.isEmpty()) return Optional.empty();
            if (System.nanoTime() >= deadline || sc.isStopped()) return Optional.of(String.join("; ", running));
            try {
                Thread.sleep(POLL_MS); // Spark's status store has no wait-for API; each round reads the real counts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(String.join("; ", running));
            }
        }
    }

    /** Whether a job of the group runs now. */
    public static boolean hasActiveJobs(SparkContext sc, String group) {
        SparkStatusTracker tracker = sc.statusTracker();
        for (int jobId : tracker.getJobIdsForGroup(group)) {
            Optional<SparkJobInfo> job = option(tracker.getJobInfo(jobId));
            if (job.isPresent() && job.get().status() == org.apache.spark.JobExecutionStatus.RUNNING) return true;
        }
        return false;
    }

    /** "job 3 (count at cell line 1): 2 tasks" for every job of the group with tasks still running. */
    static List<String> runningTasks(SparkContext sc, String group) {
        SparkStatusTracker tracker = sc.statusTracker();
        List<String> running = new ArrayList<>();
        for (int jobId : tracker.getJobIdsForGroup(group)) {
            Optional<SparkJobInfo> job = option(tracker.getJobInfo(jobId));
            if (job.isEmpty()) continue;
            int tasks = 0;
            for (int stageId : job.get().stageIds()) {
                tasks += option(tracker.getStageInfo(stageId)).map(SparkStageInfo::numActiveTasks).orElse(0);
            }
            if (tasks > 0) {
                String name = option(tracker.getStageInfo(job.get().stageIds()[0])).map(SparkStageInfo::name).orElse("");
                running.add("job " + jobId + (name.isEmpty() ? "" : " (" + name + ")") + ": " + tasks + " task" + (tasks == 1 ? "" : "s"));
            }
        }
        return running;
    }

    /** The request id of the cell whose job runs the calling task thread, or null outside a task. */
    public static String cellOfCurrentTask() {
        TaskContext task = TaskContext.get();
        return task == null ? null : task.getLocalProperty(CELL_PROPERTY);
    }

    private static <T> Optional<T> option(scala.Option<T> o) {
        return o.isDefined() ? Optional.of(o.get()) : Optional.empty();
    }
}
