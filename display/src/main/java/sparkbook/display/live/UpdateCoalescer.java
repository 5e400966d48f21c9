package sparkbook.display.live;

import sparkbook.display.MimeBundle;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Owns all live displays of a kernel and rate-limits them: per display at most
 * {@link CoalescerSettings#updatesPerSecond} updates (latest state wins), and globally a message rate
 * and a byte budget shared by every display, so many fast streams cannot flood iopub.
 *
 * <pre>{@code
 * var coalescer = new UpdateCoalescer(sink, new ThreadScheduler(), CoalescerSettings.defaults());
 * LiveDisplay live = coalescer.open("stream:words", UUID.randomUUID().toString());
 * live.bind(() -> MimeBundle.text(batches.get() + " batches"));   // batches: an AtomicLong the stream counts up
 * // on every batch:
 * live.markDirty();
 * // when the cell's stream stops:
 * live.finish();
 * }</pre>
 */
public final class UpdateCoalescer implements AutoCloseable {
    /** What one send cost, for the display's stats. */
    record Emitted(int bytes, boolean trimmed) {}

    private final DisplaySink sink;
    private final Scheduler scheduler;
    private final CoalescerSettings settings;
    private final TokenBucket byteBudget;
    private final TokenBucket messageBudget;
    private final BundleSize sizes = new BundleSize();
    private final Map<String, LiveDisplay> bySlot = new LinkedHashMap<>();

    public UpdateCoalescer(DisplaySink sink, Scheduler scheduler, CoalescerSettings settings) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
        long now = scheduler.nowMillis();
        this.byteBudget = new TokenBucket(settings.bytesPerSecond(), settings.burstBytes(), now);
        this.messageBudget = new TokenBucket(settings.messagesPerSecond(), settings.messagesPerSecond(), now);
    }

    public UpdateCoalescer(DisplaySink sink) {
        this(sink, new ThreadScheduler(), CoalescerSettings.defaults());
    }

    public CoalescerSettings settings() {
        return settings;
    }

    /** Opens a live display whose slot is its own id. */
    public LiveDisplay open(String displayId) {
        return open(displayId, displayId);
    }

    /**
     * Opens a live display in {@code slot} (e.g. "dashboard" or the cell id). A display already
     * open in that slot is finished first: re-running a cell replaces its display rather than
     * leaving the old one updating forever.
     */
    public LiveDisplay open(String slot, String displayId) {
        LiveDisplay previous;
        LiveDisplay created = new LiveDisplay(displayId, this, settings.updatesPerSecond());
        synchronized (bySlot) {
            previous = bySlot.put(slot, created);
        }
        if (previous != null) previous.finish();
        return created;
    }

    /** Currently open displays, in opening order. */
    public List<LiveDisplay> openDisplays() {
        synchronized (bySlot) {
            return List.copyOf(bySlot.values());
        }
    }

    /** Sends every display's pending state now, outside the rate limit (a cell is ending). */
    public void flushAll() {
        for (LiveDisplay d : openDisplays()) d.flush();
    }

    /**
     * Finishes every open display with its state rendered once more (e.g. when the stream stops): what a view
     * shows of the stream (ACTIVE, the last batch) changes without a batch to mark it changed.
     */
    public void finishAll() {
        for (LiveDisplay d : openDisplays()) {
            d.markDirty();
            d.finish();
        }
    }

    /** Finishes, as {@link #finishAll()} does, the open displays whose slot {@code slots} accepts. */
    public void finishWhere(java.util.function.Predicate<String> slots) {
        List<LiveDisplay> chosen;
        synchronized (bySlot) {
            chosen = bySlot.entrySet().stream().filter(e -> slots.test(e.getKey())).map(Map.Entry::getValue).toList();
        }
        for (LiveDisplay d : chosen) {
            d.markDirty();
            d.finish();
        }
    }

    /** Finishes all displays and stops the scheduler if it is ours to stop. */
    @Override
    public void close() {
        finishAll();
        if (scheduler instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // shutting down; nothing useful to do
            }
        }
    }

    long now() {
        return scheduler.nowMillis();
    }

    long budgetDelay(long now) {
        return Math.max(byteBudget.delayMillis(now), messageBudget.delayMillis(now));
    }

    Scheduler.Task scheduleEmit(LiveDisplay display, long delayMillis) {
        return scheduler.schedule(display::emitIfDue, Math.max(0, delayMillis));
    }

    void forget(LiveDisplay display) {
        synchronized (bySlot) {
            bySlot.values().removeIf(d -> d == display);
        }
    }

    Emitted renderAndSend(String displayId, Supplier<MimeBundle> content, boolean shown) {
        MimeBundle data = render(content);
        int size = sizes.bytes(data);
        boolean trimmed = false;
        if (size > settings.maxBundleBytes()) {
            data = sizes.trim(data, settings.maxBundleBytes());
            size = sizes.bytes(data);
            trimmed = true;
        }
        long now = scheduler.nowMillis();
        byteBudget.charge(size, now);
        messageBudget.charge(1, now);
        if (shown) sink.update(displayId, data);
        else sink.show(displayId, data);
        return new Emitted(size, trimmed);
    }

    /** A failing renderer must not kill the update thread; show the failure in place instead. */
    private static MimeBundle render(Supplier<MimeBundle> content) {
        try {
            MimeBundle data = content.get();
            return data != null ? data : MimeBundle.text("");
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            List<String> lines = new ArrayList<>(trace.toString().lines().limit(8).toList());
            return MimeBundle.text("display failed to render: " + String.join("\n", lines));
        }
    }
}
