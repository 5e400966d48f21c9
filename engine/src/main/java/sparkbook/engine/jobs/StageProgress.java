package sparkbook.engine.jobs;

/** One stage of a running job: its tasks done, running and failed, of all it has (a snapshot). */
public record StageProgress(int stageId, String name, int tasks, int done, int running, int failed, boolean finished) {
    /** Done as a fraction of all tasks, 0 to 1. */
    public double fraction() {
        return tasks == 0 ? (finished ? 1 : 0) : Math.min(1.0, (double) done / tasks);
    }
}
