package sparkbook.engine.jobs;

import java.util.List;

/**
 * A running Spark job of a cell (a snapshot): what Spark calls it (the action and where the cell called it, e.g.
 * "count at $JShell$25.java:9", which the kernel turns into a cell line) and its stages.
 */
public record JobProgress(int jobId, String description, long startedAtMs, List<StageProgress> stages) {
    public JobProgress {
        stages = List.copyOf(stages);
    }

    /** Tasks done and all tasks over the job's stages. */
    public int tasksDone() {
        return stages.stream().mapToInt(StageProgress::done).sum();
    }

    public int tasks() {
        return stages.stream().mapToInt(StageProgress::tasks).sum();
    }
}
