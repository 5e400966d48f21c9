package sparkbook.engine.jobs;

import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.JobFailed;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows the jobs of the job groups it is told to follow (a cell's {@link CellJobs} group), stage by stage and task
 * by task, for a live progress display: {@link #snapshot} at any time, {@link #unfollow} for the totals at the end.
 * Counting an event costs a map lookup, so a 10 000-task job costs nothing worth measuring; everything about a group
 * is dropped when it is unfollowed, and about a job when it ends, so memory stays bounded however long the kernel
 * runs. Jobs of other groups (streams' batches, queries' micro-batches) are ignored.
 *
 * <pre>{@code
 * JobProgressListener progress = JobProgressListener.on(sc);
 * progress.follow("sparkbook-cell-7");
 * CellWork now = progress.snapshot("sparkbook-cell-7");   // from any thread, e.g. twice a second
 * WorkTotals done = progress.unfollow("sparkbook-cell-7");
 * }</pre>
 */
public final class JobProgressListener extends SparkListener {
    private static final String GROUP = "spark.jobGroup.id";
    private static final String SQL_EXECUTION = "spark.sql.execution.id";

    private final Map<String, GroupWork> groups = new ConcurrentHashMap<>();
    private final Map<Integer, GroupWork> byJob = new ConcurrentHashMap<>();
    private final Map<Integer, GroupWork> byStage = new ConcurrentHashMap<>();
    /** The action a SQL query ran for ("collectAsList at ..."), by execution id, while it runs. */
    private final Map<Long, String> sqlDescriptions = new ConcurrentHashMap<>();

    /** A listener added to {@code sc}'s listener bus. */
    public static JobProgressListener on(org.apache.spark.SparkContext sc) {
        JobProgressListener listener = new JobProgressListener();
        sc.addSparkListener(listener);
        return listener;
    }

    /** Starts following the jobs of {@code group} that start from now on. */
    public void follow(String group) {
        groups.put(group, new GroupWork());
    }

    /** The group's running jobs and finished totals now; {@link CellWork#NONE} for a group not followed. */
    public CellWork snapshot(String group) {
        GroupWork g = groups.get(group);
        return g == null ? CellWork.NONE : g.snapshot();
    }

    /**
     * Waits until the group's running jobs have ended, at most {@code timeout}; false if some still run. An action
     * returns to its caller before Spark posts its job's end, so a cell that just ended may still have its last job
     * "running" here for a moment.
     */
    public boolean awaitJobsEnded(String group, java.time.Duration timeout) throws InterruptedException {
        GroupWork g = groups.get(group);
        return g == null || g.awaitNoneRunning(timeout.toNanos());
    }

    /** Stops following the group; returns what its finished jobs did. */
    public WorkTotals unfollow(String group) {
        GroupWork g = groups.remove(group);
        if (g == null) return WorkTotals.NONE;
        byJob.values().removeIf(w -> w == g);
        byStage.values().removeIf(w -> w == g);
        return g.snapshot().finished();
    }

    @Override
    public void onOtherEvent(SparkListenerEvent event) {
        if (event instanceof SparkListenerSQLExecutionStart start) {
            if (!groups.isEmpty()) sqlDescriptions.put(start.executionId(), start.description());
        } else if (event instanceof SparkListenerSQLExecutionEnd end) {
            sqlDescriptions.remove(end.executionId());
        }
    }

    @Override
    public void onJobStart(SparkListenerJobStart e) {
        Properties p = e.properties();
        GroupWork g = p == null || p.getProperty(GROUP) == null ? null : groups.get(p.getProperty(GROUP));
        if (g == null) return;
        List<StageInfo> stages = scala.jdk.javaapi.CollectionConverters.asJava(e.stageInfos());
        String description = null;
        String sql = p.getProperty(SQL_EXECUTION);
        if (sql != null) {
            try {
                description = sqlDescriptions.get(Long.parseLong(sql));
            } catch (NumberFormatException ignored) {
                // not an id Spark wrote: fall back to the stage's name
            }
        }
        StageInfo last = stages.isEmpty() ? null : stages.get(stages.size() - 1);
        for (StageInfo s : stages) if (last == null || s.stageId() > last.stageId()) last = s;
        if (description == null) description = last == null ? "job " + e.jobId() : last.name();
        byJob.put(e.jobId(), g);
        for (StageInfo s : stages) byStage.put(s.stageId(), g);
        g.jobStarted(e.jobId(), description, e.time(), stages);
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted e) {
        GroupWork g = byStage.get(e.stageInfo().stageId());
        if (g != null) g.stageSubmitted(e.stageInfo());
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart e) {
        GroupWork g = byStage.get(e.stageId());
        if (g != null) g.taskStarted(e.stageId());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        GroupWork g = byStage.get(e.stageId());
        if (g != null) g.taskEnded(e.stageId(), e.taskInfo().successful());
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted e) {
        GroupWork g = byStage.get(e.stageInfo().stageId());
        if (g != null) g.stageCompleted(e.stageInfo());
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd e) {
        GroupWork g = byJob.remove(e.jobId());
        if (g == null) return;
        for (int stageId : g.jobEnded(e.jobId(), e.time(), e.jobResult() instanceof JobFailed)) byStage.remove(stageId);
    }

    /** One group's work; the listener bus thread writes it, snapshots read it. */
    private static final class GroupWork {
        private final Map<Integer, Job> running = new LinkedHashMap<>();
        private int jobs, failedJobs, stages;
        private long tasks, failedTasks, firstStartMs, lastEndMs, shuffleRead, shuffleWrite, spill;

        synchronized void jobStarted(int jobId, String description, long time, List<StageInfo> stageInfos) {
            Job job = new Job(jobId, description, time);
            stageInfos.stream().sorted(java.util.Comparator.comparingInt(StageInfo::stageId))
                    .forEach(s -> job.stages.put(s.stageId(), new Stage(s.stageId(), s.name(), s.numTasks())));
            running.put(jobId, job);
            if (firstStartMs == 0) firstStartMs = time;
        }

        synchronized void stageSubmitted(StageInfo info) {
            Stage s = stage(info.stageId());
            if (s == null) return;
            s.tasks = info.numTasks();
            s.running = 0; // a new attempt: the last attempt's tasks no longer run
            s.submitted = true;
        }

        synchronized void taskStarted(int stageId) {
            Stage s = stage(stageId);
            if (s != null) s.running++;
        }

        synchronized void taskEnded(int stageId, boolean successful) {
            Stage s = stage(stageId);
            if (s == null) return;
            s.running = Math.max(0, s.running - 1);
            if (successful) {
                s.done++;
                tasks++;
            } else {
                s.failed++;
                failedTasks++;
            }
        }

        synchronized void stageCompleted(StageInfo info) {
            Stage s = stage(info.stageId());
            if (s == null) return;
            s.finished = true;
            s.running = 0;
            if (info.failureReason().isEmpty()) {
                s.done = Math.max(s.done, s.tasks);
            }
            stages++;
            TaskMetrics m = info.taskMetrics();
            if (m != null) {
                shuffleRead += m.shuffleReadMetrics().totalBytesRead();
                shuffleWrite += m.shuffleWriteMetrics().bytesWritten();
                spill += m.diskBytesSpilled();
            }
        }

        /** Returns the ended job's stage ids. */
        synchronized List<Integer> jobEnded(int jobId, long time, boolean failed) {
            Job job = running.remove(jobId);
            if (job == null) return List.of();
            notifyAll();
            jobs++;
            if (failed) failedJobs++;
            lastEndMs = Math.max(lastEndMs, time);
            return new ArrayList<>(job.stages.keySet());
        }

        synchronized boolean awaitNoneRunning(long timeoutNanos) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutNanos;
            while (!running.isEmpty()) {
                long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) return false;
                wait(leftMs);
            }
            return true;
        }

        private Stage stage(int stageId) {
            for (Job j : running.values()) {
                Stage s = j.stages.get(stageId);
                if (s != null) return s;
            }
            return null;
        }

        synchronized CellWork snapshot() {
            List<JobProgress> jobsNow = new ArrayList<>(running.size());
            for (Job j : running.values()) {
                List<StageProgress> st = new ArrayList<>(j.stages.size());
                // stages Spark skips (their output is reused) are never submitted: show those that run or ran
                for (Stage s : j.stages.values()) {
                    if (s.submitted) st.add(new StageProgress(s.id, s.name, s.tasks, Math.min(s.done, s.tasks), s.running, s.failed, s.finished));
                }
                jobsNow.add(new JobProgress(j.id, j.description, j.startedAtMs, st));
            }
            return new CellWork(jobsNow, new WorkTotals(jobs, failedJobs, stages, tasks, failedTasks, firstStartMs,
                    lastEndMs, shuffleRead, shuffleWrite, spill));
        }
    }

    private static final class Job {
        final int id;
        final String description;
        final long startedAtMs;
        final Map<Integer, Stage> stages = new LinkedHashMap<>();

        Job(int id, String description, long startedAtMs) {
            this.id = id;
            this.description = description;
            this.startedAtMs = startedAtMs;
        }
    }

    private static final class Stage {
        final int id;
        final String name;
        int tasks, done, running, failed;
        boolean submitted, finished;

        Stage(int id, String name, int tasks) {
            this.id = id;
            this.name = name;
            this.tasks = tasks;
        }
    }
}
