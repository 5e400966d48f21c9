package sparkbook.kernel.io;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Owns System.out and System.err of the kernel process and decides, for each write, which cell it belongs to:
 * <ul>
 * <li>a thread a cell made (its snippet threads, threads they start, the threads of a stream started there)
 *     writes to that cell, also after the cell has finished: front ends append to a finished cell when the
 *     message's parent is its request, so a stream's output stays under the cell that started it;</li>
 * <li>a Spark task thread writes to the cell whose job it runs (the cell id travels with the job's properties);</li>
 * <li>while the running cell waits on a stream ({@link #claimStreamOutput()}: {@code ssc.awaitTermination...},
 *     {@code %stream step}), that output comes to the waiting cell instead, as a plain program would print it there;</li>
 * <li>any other thread (Spark's own: its log lines about a batch) writes to the running cell if that cell runs Spark
 *     work of its own or no stream runs, else to the background owner (the stream's cell).</li>
 * </ul>
 * Text is flushed every {@link #FLUSH_MS} ms while it is being written, and at once when a cell ends.
 */
public final class OutputRouter {
    static final long FLUSH_MS = 25;
    private static final int REMEMBERED_CELLS = 256;
    private final StreamPublisher publisher;
    /** Text waiting per cell; identity keys: each request has one target object. */
    private final Map<OutputTarget, Pending> pending = new IdentityHashMap<>();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final ScheduledExecutorService flusher;
    private final InheritableThreadLocal<OutputTarget> threadOwner = new InheritableThreadLocal<>();
    private final ThreadLocal<OutputTarget> writingFor = new ThreadLocal<>();
    private final Map<String, OutputTarget> recentCells = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, OutputTarget> eldest) {
            return size() > REMEMBERED_CELLS;
        }
    };
    private volatile Supplier<String> cellOfSparkTask = () -> null;
    private volatile BackgroundWork backgroundWork = BackgroundWork.NONE;
    private volatile OutputTarget cell = null;
    private volatile OutputTarget background = OutputTarget.NOWHERE;
    private volatile boolean claimed;

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
        System.setOut(new PrintStream(new Routed("stdout"), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Routed("stderr"), true, StandardCharsets.UTF_8));
    }

    /** Called on the thread that runs cells: the threads it makes for this cell write to it. */
    public void beginCell(OutputTarget target) {
        flushNow();
        synchronized (recentCells) {
            String id = target.requestId();
            if (id != null) recentCells.put(id, target);
        }
        claimed = false;
        cell = target;
        threadOwner.set(target);
    }

    /** Flushes the cell's output; later output of the threads it made still goes to it. */
    public void endCell() {
        flushNow();
        threadOwner.remove();
        cell = null;
        claimed = false;
    }

    /** The owner of output no cell claims between cells: the cell that started the stream. */
    public void setBackground(OutputTarget target) {
        background = target;
    }

    /** The running cell waits on streams until it ends: their output, written by other cells' threads, comes to it. */
    public void claimStreamOutput() {
        if (cell != null) claimed = true;
    }

    /**
     * How Spark's threads are told apart: a task thread finds the request id of the cell whose job it runs (null
     * outside a task); {@code work} says whether a stream runs and whether the running cell runs Spark work.
     */
    public void attributeSparkOutput(Supplier<String> cellOfTask, BackgroundWork work) {
        cellOfSparkTask = cellOfTask;
        backgroundWork = work;
    }

    /** What runs besides the cell, for output of threads that belong to no cell. */
    public interface BackgroundWork {
        BackgroundWork NONE = new BackgroundWork() {
            @Override
            public boolean streamRunning() {
                return false;
            }

            @Override
            public boolean runningCellUsesSpark() {
                return false;
            }
        };

        boolean streamRunning();

        boolean runningCellUsesSpark();
    }

    /**
     * Runs {@code action} as if this thread belonged to no cell, so threads it creates (Spark's own, made while
     * it starts inside a cell) do not send their output to that cell forever.
     */
    public void withoutCell(Runnable action) {
        OutputTarget owner = threadOwner.get();
        threadOwner.remove();
        try {
            action.run();
        } finally {
            if (owner != null) threadOwner.set(owner);
        }
    }

    /** Runs {@code action} with what this thread writes going where output of {@code owner}'s threads goes. */
    public void writeFor(OutputTarget owner, Runnable action) {
        OutputTarget before = writingFor.get();
        writingFor.set(owner);
        try {
            action.run();
        } finally {
            if (before == null) writingFor.remove();
            else writingFor.set(before);
        }
    }

    /** The running cell's target, or null between cells. */
    public OutputTarget runningCell() {
        return cell;
    }

    /** Where output written now by the calling thread goes (also what a display opened from it answers to). */
    public OutputTarget target() {
        OutputTarget owner = writingFor.get();
        if (owner == null) owner = threadOwner.get();
        if (owner == null) owner = cellOfTask();
        OutputTarget running = cell;
        if (running == null) return owner != null ? owner : background;
        if (owner == running || claimed) return running;
        if (owner != null) return owner;
        BackgroundWork work = backgroundWork;
        return !work.streamRunning() || work.runningCellUsesSpark() ? running : background;
    }

    private OutputTarget cellOfTask() {
        String id = cellOfSparkTask.get();
        if (id == null) return null;
        synchronized (recentCells) {
            return recentCells.get(id);
        }
    }

    public void flushNow() {
        System.out.flush();
        System.err.flush();
        dirty.set(false);
        flushAll();
    }

    private void flushIfDirty() {
        if (dirty.getAndSet(false)) flushAll();
    }

    private void flushAll() {
        List<Map.Entry<OutputTarget, Pending>> all;
        synchronized (pending) {
            all = new ArrayList<>(pending.entrySet());
        }
        for (Map.Entry<OutputTarget, Pending> e : all) {
            e.getValue().out.flushTo(e.getKey());
            e.getValue().err.flushTo(e.getKey());
        }
        synchronized (pending) { // a cell's buffers go once empty: memory stays bounded over any number of cells
            pending.entrySet().removeIf(e -> e.getKey() != cell && StreamBuffer.retireIfEmpty(e.getValue().out, e.getValue().err));
        }
    }

    void markDirty() {
        dirty.set(true);
    }

    StreamPublisher publisher() {
        return (target, name, text) -> {
            if (target != null && !target.silent() && target.parentHeader() != null) publisher.publish(target, name, text);
        };
    }

    public void close() {
        flushNow();
        flusher.shutdownNow();
    }

    /** The two buffers of one cell. */
    private final class Pending {
        final StreamBuffer out = new StreamBuffer("stdout", OutputRouter.this);
        final StreamBuffer err = new StreamBuffer("stderr", OutputRouter.this);

        StreamBuffer of(String name) {
            return name.equals("stdout") ? out : err;
        }
    }

    /**
     * System.out or System.err: each write goes to the buffer of the cell it belongs to. PrintStream calls it under
     * its own lock, so the buffer of the last write is remembered without more locking; a dropped one says so.
     */
    private final class Routed extends OutputStream {
        private final String name;
        private OutputTarget lastTarget;
        private StreamBuffer lastBuffer;

        Routed(String name) {
            this.name = name;
        }

        @Override
        public void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            OutputTarget target = target();
            StreamBuffer buffer = target == lastTarget ? lastBuffer : null;
            int appended = buffer == null ? StreamBuffer.RETIRED : buffer.append(b, off, len);
            if (appended == StreamBuffer.RETIRED) {
                synchronized (pending) { // under the lock that drops empty buffers: this one is live
                    buffer = pending.computeIfAbsent(target, t -> new Pending()).of(name);
                    appended = buffer.append(b, off, len);
                }
                lastTarget = target;
                lastBuffer = buffer;
            }
            markDirty();
            if (appended == StreamBuffer.FLUSH_NOW) buffer.flushTo(target); // a writer that outruns the flusher flushes itself
        }
    }
}
