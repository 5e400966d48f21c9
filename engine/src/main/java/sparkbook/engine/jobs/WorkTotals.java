package sparkbook.engine.jobs;

/**
 * What a cell's finished Spark jobs did, summed: the line a cell's progress display collapses into.
 *
 * @param firstStartMs when its first job started (epoch ms), 0 when none did
 * @param lastEndMs when its last finished job ended, 0 when none did
 * @param spillBytes bytes spilled to disk
 */
public record WorkTotals(int jobs, int failedJobs, int stages, long tasks, long failedTasks, long firstStartMs,
                         long lastEndMs, long shuffleReadBytes, long shuffleWriteBytes, long spillBytes) {
    public static final WorkTotals NONE = new WorkTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
