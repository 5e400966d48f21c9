package sparkbook.kernel.channels;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The shell channel's requests in order, also while a cell runs. A cell runs on the thread that serves shell, so
 * without help nothing sent on shell during a cell is read before it ends. Between {@link #cellStarts} and
 * {@link #cellEnds} a reader thread takes the channel over: comm messages (a progress display's stop control) are
 * handled at once, everything else waits, in order, for the shell loop to take it after the cell. The reader is
 * joined before the shell thread uses the socket again, which is how a ZeroMQ socket may change threads.
 */
public final class ShellInbox {
    private static final Set<String> DURING_CELLS = Set.of("comm_open", "comm_msg", "comm_close", "comm_info_request");
    private static final int POLL_MS = 50;
    /**
     * A cell this quick leaves the channel alone: the reader would only add its last poll's wait to the reply
     * (most cells; {@code 1+1} takes milliseconds). A stop control is for cells that run longer anyway.
     */
    private static final long QUICK_CELL_MS = 200;

    private final Channel shell;
    private final Consumer<Message> duringCell;
    private final Queue<Message> waiting = new ArrayDeque<>();
    private Thread reader;
    private volatile boolean cellRunning;
    private java.util.concurrent.CountDownLatch cellEnded;

    /** @param duringCell handles a comm message that arrives while a cell runs (on the reader thread) */
    public ShellInbox(Channel shell, Consumer<Message> duringCell) {
        this.shell = shell;
        this.duringCell = duringCell;
    }

    /** The next request: one that arrived during the last cell first; blocks; null when the socket closed. */
    public Message next() {
        synchronized (waiting) {
            if (!waiting.isEmpty()) return waiting.poll();
        }
        return shell.receive();
    }

    /** A request already here, or null: never blocks. */
    public Message poll() {
        synchronized (waiting) {
            if (!waiting.isEmpty()) return waiting.poll();
        }
        return shell.poll();
    }

    /** A cell starts on the shell thread: the reader takes the channel. */
    public void cellStarts() {
        cellRunning = true;
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        cellEnded = ended;
        reader = new Thread(() -> readDuringCell(ended), "sparkbook-shell-during-cell");
        reader.setDaemon(true);
        reader.start();
    }

    /** The cell ended: the shell thread has the channel back once the reader has stopped. */
    public void cellEnds() {
        cellRunning = false;
        if (cellEnded != null) cellEnded.countDown();
        Thread r = reader;
        reader = null;
        if (r == null) return;
        boolean interrupted = false;
        while (r.isAlive()) {
            try {
                r.join();
            } catch (InterruptedException e) {
                interrupted = true; // the socket must not have two users: wait for the reader all the same
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void readDuringCell(java.util.concurrent.CountDownLatch ended) {
        try {
            if (ended.await(QUICK_CELL_MS, java.util.concurrent.TimeUnit.MILLISECONDS)) return;
        } catch (InterruptedException e) {
            return;
        }
        while (cellRunning) {
            Message m = shell.receive(POLL_MS);
            if (m == null) continue;
            if (DURING_CELLS.contains(m.type())) {
                duringCell.accept(m);
            } else {
                synchronized (waiting) {
                    waiting.add(m);
                }
            }
        }
    }
}
