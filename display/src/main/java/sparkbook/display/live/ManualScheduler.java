package sparkbook.display.live;

import java.util.PriorityQueue;

/**
 * A deterministic scheduler for tests: time only moves when {@link #advance(long)} is called, and due
 * actions run on the calling thread.
 */
public final class ManualScheduler implements Scheduler {
    private record Pending(long due, long seq, Runnable action, boolean[] cancelled) {}

    private final PriorityQueue<Pending> queue = new PriorityQueue<>(
            (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    public ManualScheduler(long startMillis) {
        this.now = startMillis;
    }

    public ManualScheduler() {
        this(0);
    }

    @Override
    public synchronized long nowMillis() {
        return now;
    }

    @Override
    public synchronized Task schedule(Runnable action, long delayMillis) {
        boolean[] cancelled = {false};
        queue.add(new Pending(now + Math.max(0, delayMillis), seq++, action, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves time forward by {@code millis}, running every action that falls due, in order. */
    public void advance(long millis) {
        long target;
        synchronized (this) {
            target = now + millis;
        }
        while (true) {
            Pending next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due > target) {
                    now = target;
                    return;
                }
                queue.poll();
                now = next.due;
            }
            if (!next.cancelled[0]) next.action.run();
        }
    }

    /** Runs actions that are due now without moving time. */
    public void runDue() {
        advance(0);
    }

    public synchronized int pendingCount() {
        return (int) queue.stream().filter(p -> !p.cancelled[0]).count();
    }
}
