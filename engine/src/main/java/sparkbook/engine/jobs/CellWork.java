package sparkbook.engine.jobs;

import java.util.List;

/**
 * The Spark work of one cell at a moment: its running jobs, and its finished ones summed up.
 *
 * @param running the running jobs, oldest first
 * @param finished the finished jobs' totals ({@code firstStartMs} counts running jobs' starts too)
 */
public record CellWork(List<JobProgress> running, WorkTotals finished) {
    public static final CellWork NONE = new CellWork(List.of(), WorkTotals.NONE);

    public CellWork {
        running = List.copyOf(running);
    }

    /** Whether any job started. */
    public boolean any() {
        return !running.isEmpty() || finished.jobs() > 0;
    }

    /** When the first job started (epoch ms), 0 when none did. */
    public long firstStartMs() {
        long first = finished.firstStartMs();
        for (JobProgress j : running) if (first == 0 || j.startedAtMs() < first) first = j.startedAtMs();
        return first;
    }
}
