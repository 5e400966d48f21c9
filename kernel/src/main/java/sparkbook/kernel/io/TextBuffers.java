package sparkbook.kernel.io;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * System.out and System.err of the kernel process: each write goes to the buffer of the target {@link CellOutput}
 * names for the writing thread, and buffers are published every {@link #FLUSH_MS} ms while text is written, and
 * at once when asked (a cell ends, a display follows the text).
 */
final class TextBuffers {
    static final long FLUSH_MS = 25;
    private final Supplier<OutputTarget> targetOfWrite;
    private final Supplier<OutputTarget> runningCell;
    private final Sink publisher;
    /** Text waiting per cell; identity keys: each request has one target object. */
    private final Map<OutputTarget, Pending> pending = new IdentityHashMap<>();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final ScheduledExecutorService flusher;

    /** Receives flushed text of a named stream ("stdout" or "stderr") for a cell. */
    @FunctionalInterface
    interface Sink {
        void publish(OutputTarget target, String name, String text);
    }

    TextBuffers(Supplier<OutputTarget> targetOfWrite, Supplier<OutputTarget> runningCell, Sink publisher) {
        this.targetOfWrite = targetOfWrite;
        this.runningCell = runningCell;
        this.publisher = publisher;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sparkbook-output-flusher");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushIfDirty, FLUSH_MS, FLUSH_MS, TimeUnit.MILLISECONDS);
    }

    /** Replaces System.out and System.err; call before any library caches them (Scala's Console does). */
    void install() {
        System.setOut(new PrintStream(new Routed("stdout"), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Routed("stderr"), true, StandardCharsets.UTF_8));
    }

    void flushNow() {
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
        OutputTarget running = runningCell.get();
        synchronized (pending) { // a cell's buffers go once empty: memory stays bounded over any number of cells
            pending.entrySet().removeIf(e -> e.getKey() != running && StreamBuffer.retireIfEmpty(e.getValue().out, e.getValue().err));
        }
    }

    void markDirty() {
        dirty.set(true);
    }

    void publish(OutputTarget target, String name, String text) {
        publisher.publish(target, name, text);
    }

    void close() {
        flushNow();
        flusher.shutdownNow();
    }

    /** The two buffers of one cell. */
    private final class Pending {
        final StreamBuffer out = new StreamBuffer("stdout", TextBuffers.this);
        final StreamBuffer err = new StreamBuffer("stderr", TextBuffers.this);

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
            OutputTarget target = targetOfWrite.get();
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
