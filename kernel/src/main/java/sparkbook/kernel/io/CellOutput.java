package sparkbook.kernel.io;

import sparkbook.display.MimeBundle;
import sparkbook.display.live.DisplaySink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The kernel's one cell-output port: decides, for every piece of output, which cell it belongs to, and publishes it
 * there. Text written to System.out and System.err, displays a cell shows, and live displays that keep updating
 * after their cell ended all go through here; the execute handler opens and closes each cell on it, and what runs a
 * cell (the interpreter's threads, Spark's hooks, live displays) is handed this port rather than finding it.
 *
 * <p>Which cell a write belongs to:
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
 * A live display's first appearance goes to the cell that opened it; its updates go out under the cell running now,
 * as ipykernel does (front ends find the display by id in any cell, and nbclient follows only the running cell).
 * The n-th stream display of a notebook cell keeps its slot when the cell runs again, so the new display replaces
 * the old one.
 */
public final class CellOutput implements DisplaySink {
    /** Where output is sent once its cell is known: the kernel serialises it onto iopub. */
    public interface Publisher {
        void stream(OutputTarget target, String name, String text);

        /** display_data ({@code update} false) or update_display_data for the display {@code displayId}. */
        void display(OutputTarget target, boolean update, String displayId, MimeBundle bundle);
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

    private static final int REMEMBERED_CELLS = 256;
    private static final int REMEMBERED_DISPLAYS = 1024;
    private final Publisher publisher;
    private final TextBuffers text;
    private final InheritableThreadLocal<OutputTarget> threadOwner = new InheritableThreadLocal<>();
    private final ThreadLocal<OutputTarget> writingFor = new ThreadLocal<>();
    /** Request id to cell, for Spark tasks that carry the id of the cell whose job they run. */
    private final Map<String, OutputTarget> recentCells = lru(REMEMBERED_CELLS);
    /** Live display id to the cell that opened it. */
    private final Map<String, OutputTarget> displayCells = lru(REMEMBERED_DISPLAYS);
    private volatile Supplier<String> cellOfSparkTask = () -> null;
    private volatile BackgroundWork backgroundWork = BackgroundWork.NONE;
    private volatile OutputTarget cell = null;
    private volatile OutputTarget background = OutputTarget.NOWHERE;
    private volatile boolean claimed;
    /** The request whose stream displays are being counted, and how many it opened: their slots. */
    private String slotRequest;
    private int slotsInRequest;

    public CellOutput(Publisher publisher) {
        this.publisher = publisher;
        this.text = new TextBuffers(this::target, () -> cell, (target, name, s) -> {
            if (publishes(target)) publisher.stream(target, name, s);
        });
    }

    private static <V> Map<String, V> lru(int size) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > size;
            }
        };
    }

    private static boolean publishes(OutputTarget target) {
        return target != null && !target.silent() && target.parentHeader() != null;
    }

    /** Replaces System.out and System.err; call before any library caches them (Scala's Console does). */
    public void install() {
        text.install();
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

    /** Runs {@code action} with what this thread writes going to the cell that started the stream. */
    public void writeForStream(Runnable action) {
        writeFor(background, action);
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

    /** Shows {@code bundle} in the calling thread's cell, after the text it printed before; returns the display id. */
    public String display(MimeBundle bundle, String displayId) {
        String id = displayId != null ? displayId : UUID.randomUUID().toString();
        flushNow();
        OutputTarget target = target();
        if (publishes(target)) publisher.display(target, false, id, bundle);
        return id;
    }

    /** Replaces the display {@code displayId} wherever it is, announced under the calling thread's cell. */
    public void updateDisplay(String displayId, MimeBundle bundle) {
        flushNow();
        OutputTarget target = target();
        if (publishes(target)) publisher.display(target, true, displayId, bundle);
    }

    /** A new live display id, answering to the calling thread's cell from now on (see {@link #show}). */
    public String newLiveDisplay() {
        String id = UUID.randomUUID().toString();
        OutputTarget target = target();
        synchronized (displayCells) {
            displayCells.put(id, target);
        }
        return id;
    }

    /**
     * The slot of a stream display the calling thread's cell opens: the n-th stream display of a notebook cell has
     * the same slot each time the cell runs, so a re-run replaces it. Without a cell id, each display is its own slot.
     */
    public synchronized String cellSlot(String displayId) {
        OutputTarget target = target();
        if (target.cellId() == null) return displayId;
        if (!Objects.equals(target.requestId(), slotRequest)) {
            slotRequest = target.requestId();
            slotsInRequest = 0;
        }
        return "cell " + target.cellId() + " #" + slotsInRequest++;
    }

    private OutputTarget cellOfDisplay(String displayId) {
        synchronized (displayCells) {
            return displayCells.get(displayId);
        }
    }

    /** A live display's first appearance, in the cell that opened it. */
    @Override
    public void show(String displayId, MimeBundle data) {
        OutputTarget target = cellOfDisplay(displayId);
        if (publishes(target)) publisher.display(target, false, displayId, data);
    }

    /** A live display's update, under the cell running now (or the one that opened it, between cells). */
    @Override
    public void update(String displayId, MimeBundle data) {
        OutputTarget running = cell;
        OutputTarget target = running != null ? running : cellOfDisplay(displayId);
        if (publishes(target)) publisher.display(target, true, displayId, data);
    }

    /** Publishes all buffered text now. */
    public void flushNow() {
        text.flushNow();
    }

    public void close() {
        text.close();
    }
}
