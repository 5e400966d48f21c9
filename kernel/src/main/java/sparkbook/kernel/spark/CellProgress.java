package sparkbook.kernel.spark;

import org.apache.spark.SparkContext;
import sparkbook.display.MimeBundle;
import sparkbook.display.jobs.JobProgressView;
import sparkbook.display.live.LiveDisplay;
import sparkbook.display.live.UpdateCoalescer;
import sparkbook.engine.jobs.CellWork;
import sparkbook.engine.jobs.JobProgress;
import sparkbook.engine.jobs.JobProgressListener;
import sparkbook.engine.jobs.WorkTotals;
import sparkbook.kernel.io.CellOutput;
import sparkbook.kernel.io.OutputTarget;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A cell's Spark jobs, live in the cell: once a job of the cell has run for {@link #SHOW_AFTER_MS}, the cell gets
 * one display of its running jobs' stages, updated in place at most {@link #UPDATES_PER_SECOND} times a second
 * whatever the number of tasks; when the cell ends it becomes the summary line of all the cell's jobs, which is
 * what a saved notebook keeps. Quicker cells show nothing. Jobs of streams and queries are not the cell's
 * (their own job groups), so a stream's batches never fill the cell that started it with progress bars.
 */
final class CellProgress {
    static final long SHOW_AFTER_MS = 500;
    static final double UPDATES_PER_SECOND = 2;
    private static final long TICK_MS = 250;

    private final CellOutput output;
    private final UpdateCoalescer coalescer;
    private final JobProgressView view;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sparkbook-cell-progress");
        t.setDaemon(true);
        return t;
    });
    private SparkContext listenedTo;
    private JobProgressListener listener;
    private Followed current;

    /** @param callSites turns Spark's call sites in snippets into cell lines */
    CellProgress(CellOutput output, UpdateCoalescer coalescer, UnaryOperator<String> callSites) {
        this.output = output;
        this.coalescer = coalescer;
        this.view = new JobProgressView(callSites);
    }

    /** The cell's jobs in {@code group} on {@code sc} are followed from now on. */
    synchronized void begin(SparkContext sc, String group, OutputTarget cell) {
        end();
        if (sc != listenedTo) {
            listener = JobProgressListener.on(sc); // the previous context's listener went with its bus
            listenedTo = sc;
        }
        listener.follow(group);
        Followed f = new Followed(listener, group, cell);
        f.tick = ticks.scheduleWithFixedDelay(f::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        current = f;
    }

    /** The cell ended: its display, if it got one, becomes the summary line. */
    synchronized void end() {
        Followed f = current;
        current = null;
        if (f != null) f.end();
    }

    private final class Followed {
        final JobProgressListener listener;
        final String group;
        final OutputTarget cell;
        ScheduledFuture<?> tick;
        private LiveDisplay display;
        private volatile CellWork latest = CellWork.NONE;
        private boolean ended;

        Followed(JobProgressListener listener, String group, OutputTarget cell) {
            this.listener = listener;
            this.group = group;
            this.cell = cell;
        }

        void tick() {
            CellWork now = listener.snapshot(group);
            synchronized (this) {
                if (ended) return;
                if (display == null) {
                    if (!longRunning(now)) return;
                    latest = now;
                    output.writeFor(cell, () -> display = coalescer.open("progress " + cell.requestId(), output.newLiveDisplay()));
                    display.setMaxUpdatesPerSecond(UPDATES_PER_SECOND);
                    display.bind(this::render);
                    display.markDirty();
                } else if (!now.equals(latest) || !now.running().isEmpty()) {
                    latest = now; // running jobs' elapsed time changes even when their counts do not
                    display.markDirty();
                }
            }
        }

        private MimeBundle render() {
            return view.render(latest, System.currentTimeMillis());
        }

        private boolean longRunning(CellWork work) {
            long now = System.currentTimeMillis();
            for (JobProgress j : work.running()) if (now - j.startedAtMs() >= SHOW_AFTER_MS) return true;
            return false;
        }

        void end() {
            tick.cancel(false);
            WorkTotals totals = listener.unfollow(group);
            synchronized (this) {
                ended = true;
                if (display == null) return;
                display.offer(() -> view.summary(totals));
                display.finish();
            }
        }
    }
}
