package sparkbook.kernel.spark;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
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
import sparkbook.kernel.protocol.CommTarget;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
    /** How long a cell's end waits for Spark to post the end of jobs still running (one ending as the cell returns). */
    private static final java.time.Duration JOB_END_WAIT = java.time.Duration.ofSeconds(1);

    private final CellOutput output;
    private final UpdateCoalescer coalescer;
    private final JobProgressView view;
    private final Supplier<Optional<String>> sparkUi;
    /** Off with SPARKBOOK_PROGRESS=off in the kernel's environment (bench/progress_bench.py measures both). */
    private final boolean enabled = !"off".equalsIgnoreCase(System.getenv("SPARKBOOK_PROGRESS"));
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sparkbook-cell-progress");
        t.setDaemon(true);
        return t;
    });
    private SparkContext listenedTo;
    private JobProgressListener listener;
    private Followed current;

    /**
     * @param callSites turns Spark's call sites in snippets into cell lines
     * @param sparkUi the Spark UI's address as the user's browser reaches it ({@link SparkUiAddress})
     */
    CellProgress(CellOutput output, UpdateCoalescer coalescer, UnaryOperator<String> callSites, Supplier<Optional<String>> sparkUi) {
        this.output = output;
        this.coalescer = coalescer;
        this.view = new JobProgressView(callSites);
        this.sparkUi = sparkUi;
    }

    /** The cell's jobs in {@code group} on {@code sc} are followed from now on. */
    synchronized void begin(SparkContext sc, String group, OutputTarget cell) {
        end();
        if (!enabled) return;
        if (sc != listenedTo) {
            listener = JobProgressListener.on(sc); // the previous context's listener went with its bus
            listenedTo = sc;
        }
        listener.follow(group);
        Followed f = new Followed(listener, group, cell);
        f.tick = ticks.scheduleWithFixedDelay(f::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        current = f;
    }

    /**
     * The comm target of the displays' stop control: {@code {"cancel_job": 3}}, on opening the comm or in a message,
     * cancels that job if it is one of the running cell's.
     */
    CommTarget stopControl() {
        return new CommTarget() {
            @Override
            public void opened(String commId, JsonObject data) {
                message(commId, data);
            }

            @Override
            public void message(String commId, JsonObject data) {
                JsonElement job = data.get("cancel_job");
                if (job != null && job.isJsonPrimitive() && job.getAsJsonPrimitive().isNumber()) stop(job.getAsInt());
            }
        };
    }

    /** Cancels a running job of the running cell; false when no such job runs. */
    synchronized boolean stop(int jobId) {
        Followed f = current;
        if (f == null || f.listener.snapshot(f.group).running().stream().noneMatch(j -> j.jobId() == jobId)) return false;
        listenedTo.cancelJob(jobId, "stopped from the cell's progress display");
        return true;
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
        private Optional<String> ui = Optional.empty();

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
                    ui = sparkUi.get();
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
            return view.render(latest, System.currentTimeMillis(), ui);
        }

        private boolean longRunning(CellWork work) {
            long now = System.currentTimeMillis();
            for (JobProgress j : work.running()) if (now - j.startedAtMs() >= SHOW_AFTER_MS) return true;
            return false;
        }

        void end() {
            tick.cancel(false);
            try {
                // the summary counts the cell's last job only once Spark posted its end, just after the action returned
                listener.awaitJobsEnded(group, JOB_END_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
