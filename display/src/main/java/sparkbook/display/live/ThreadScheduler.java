package sparkbook.display.live;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread shared by all live displays. Idle cost is zero: nothing is scheduled unless
 * some display is dirty.
 */
public final class ThreadScheduler implements Scheduler, AutoCloseable {
    private final ScheduledThreadPoolExecutor executor;

    public ThreadScheduler() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "sparkbook-display-updates");
            t.setDaemon(true); // must never keep the kernel JVM alive
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long nowMillis() {
        return System.nanoTime() / 1_000_000L; // monotonic: wall-clock jumps must not stall updates
    }

    @Override
    public Task schedule(Runnable action, long delayMillis) {
        var future = executor.schedule(action, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
