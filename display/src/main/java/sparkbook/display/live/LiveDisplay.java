package sparkbook.display.live;

import sparkbook.display.MimeBundle;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One output area that updates in place. Producers {@link #offer} new content (or {@link #markDirty}
 * after {@link #bind}ing a renderer); the owning {@link UpdateCoalescer} decides when to render and
 * send it. Content is rendered at emit time, so a producer on a 100 ms batch costs nothing between
 * emits. {@link #finish()} sends the final state once and detaches.
 */
public final class LiveDisplay implements AutoCloseable {
    private final String displayId;
    private final UpdateCoalescer owner;

    // All fields below are guarded by "this"; the lock is also held while rendering and sending,
    // which keeps a display's messages ordered between the update thread and finish().
    private Supplier<MimeBundle> content;
    private boolean dirty;
    private boolean shown;
    private boolean closed;
    private long lastEmitAt = Long.MIN_VALUE / 2;
    private long minIntervalMillis;
    private Scheduler.Task pending;
    private final List<Runnable> onFinish = new java.util.ArrayList<>();
    private long emitted;
    private long coalesced;
    private long bytes;
    private long trimmed;

    LiveDisplay(String displayId, UpdateCoalescer owner, double updatesPerSecond) {
        this.displayId = Objects.requireNonNull(displayId, "displayId");
        this.owner = owner;
        setMaxUpdatesPerSecond(updatesPerSecond);
    }

    public String displayId() {
        return displayId;
    }

    /** Replaces the content and schedules an update; earlier un-sent content is dropped. */
    public void offer(Supplier<MimeBundle> content) {
        Objects.requireNonNull(content, "content");
        synchronized (this) {
            if (closed) return;
            this.content = content;
        }
        markDirty();
    }

    /** Sets the renderer without scheduling; pair with {@link #markDirty()} on each change. */
    public synchronized LiveDisplay bind(Supplier<MimeBundle> content) {
        this.content = Objects.requireNonNull(content, "content");
        return this;
    }

    /** Signals that the bound content changed; cheap enough to call on every batch. */
    public void markDirty() {
        synchronized (this) {
            if (closed || content == null) return;
            if (dirty) {
                coalesced++;
                return; // an emit is already scheduled and will render the latest state
            }
            dirty = true;
            if (pending == null) pending = owner.scheduleEmit(this, delayFor(owner.now()));
        }
    }

    public synchronized void setMaxUpdatesPerSecond(double perSecond) {
        if (perSecond <= 0) throw new IllegalArgumentException("updates per second must be positive");
        minIntervalMillis = (long) Math.ceil(1000.0 / perSecond);
    }

    /** Runs {@code action} once when the display finishes, e.g. to unsubscribe from metrics. */
    public synchronized LiveDisplay onFinish(Runnable action) {
        if (closed) action.run();
        else onFinish.add(action);
        return this;
    }

    /** Sends the latest state now if it was not sent yet, then stops all further updates. Idempotent. */
    public void finish() {
        synchronized (this) {
            if (closed) return;
            if (pending != null) pending.cancel();
            pending = null;
            if (dirty) send(owner.now());
            closed = true;
            content = null; // release whatever the supplier captured (RDDs, snapshots)
        }
        owner.forget(this);
        List<Runnable> actions;
        synchronized (this) {
            actions = List.copyOf(onFinish);
            onFinish.clear();
        }
        for (Runnable action : actions) action.run();
    }

    /**
     * Sends the latest state now if it changed since the last send, keeping the display live. The kernel
     * calls it as a cell ends, so a notebook run headless saves the state the cell saw last.
     */
    public void flush() {
        synchronized (this) {
            if (closed || !dirty) return;
            if (pending != null) pending.cancel();
            pending = null;
            send(owner.now());
        }
    }

    /** Same as {@link #finish()}, so try-with-resources leaves the final state in the notebook. */
    @Override
    public void close() {
        finish();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    public synchronized LiveStats stats() {
        return new LiveStats(emitted, coalesced, bytes, trimmed);
    }

    /** Called by the coalescer on the update thread when this display's scheduled emit is due. */
    synchronized void emitIfDue() {
        pending = null;
        if (closed || !dirty) return;
        long now = owner.now();
        long wait = delayFor(now);
        if (wait > 0) {
            pending = owner.scheduleEmit(this, wait);
            return;
        }
        send(now);
    }

    private long delayFor(long now) {
        return Math.max(lastEmitAt + minIntervalMillis - now, owner.budgetDelay(now));
    }

    private void send(long now) {
        dirty = false;
        lastEmitAt = now;
        UpdateCoalescer.Emitted e = owner.renderAndSend(displayId, content, shown);
        shown = true;
        emitted++;
        bytes += e.bytes();
        if (e.trimmed()) trimmed++;
    }
}
