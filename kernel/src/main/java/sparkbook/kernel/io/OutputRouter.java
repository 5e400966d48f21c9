package sparkbook.kernel.io;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Owns System.out and System.err of the kernel process. While a cell runs, everything printed, by any thread,
 * goes to that cell; between cells it goes to the background owner (the cell that started a stream), so batch
 * output keeps reaching the notebook. Text is flushed every {@link #FLUSH_MS} ms while it is being written,
 * and at once when a cell ends.
 */
public final class OutputRouter {
    static final long FLUSH_MS = 25;
    private final StreamPublisher publisher;
    private final StreamBuffer out = new StreamBuffer("stdout", this);
    private final StreamBuffer err = new StreamBuffer("stderr", this);
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final ScheduledExecutorService flusher;
    private volatile OutputTarget cell = null;
    private volatile OutputTarget background = OutputTarget.NOWHERE;

    public OutputRouter(StreamPublisher publisher) {
        this.publisher = publisher;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sparkbook-output-flusher");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushIfDirty, FLUSH_MS, FLUSH_MS, TimeUnit.MILLISECONDS);
    }

    /** Replaces System.out and System.err; call before any library caches them (Scala's Console does). */
    public void install() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    public void beginCell(OutputTarget target) {
        flushNow();
        cell = target;
    }

    /** Flushes the cell's output; later output goes to the background owner. */
    public void endCell() {
        flushNow();
        cell = null;
    }

    public void setBackground(OutputTarget target) {
        background = target;
    }

    /** The running cell's target, or null between cells. */
    public OutputTarget runningCell() {
        return cell;
    }

    public OutputTarget target() {
        OutputTarget c = cell;
        return c != null ? c : background;
    }

    public void flushNow() {
        System.out.flush();
        System.err.flush();
        dirty.set(false);
        OutputTarget t = target();
        out.flushTo(t);
        err.flushTo(t);
    }

    void markDirty() {
        dirty.set(true);
    }

    StreamPublisher publisher() {
        return (target, name, text) -> {
            if (target != null && !target.silent() && target.parentHeader() != null) publisher.publish(target, name, text);
        };
    }

    private void flushIfDirty() {
        if (dirty.getAndSet(false)) {
            OutputTarget t = target();
            out.flushTo(t);
            err.flushTo(t);
        }
    }

    public void close() {
        flushNow();
        flusher.shutdownNow();
    }
}
