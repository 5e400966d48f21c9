package sparkbook.kernel;

import sparkbook.kernel.interpreter.EvalOutcome;
import sparkbook.kernel.io.OutputTarget;
import sparkbook.kernel.protocol.CellHooks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gives the heap's free memory back to the operating system once the kernel has been idle for a while after work:
 * one full collection ({@code System.gc()}: G1 then shrinks the heap to its live data plus {@code MaxHeapFreeRatio}),
 * armed again by the next cell's end. G1's own periodic collection ({@code G1PeriodicGCInterval}) repeats at every
 * interval in which nothing else collected, so an idle kernel ran a full collection every 15 s for ever (0.4-0.65 s
 * each on 2 busy cores, freeing 1-4 MB). A stream running between cells does not count as work here: its growth of
 * the heap is returned once, 15 s after the cell that started it. The idle work comes in steps, and a cell that begins
 * between two steps stops the rest: the collection is not run under a cell that began while an earlier step ran.
 */
final class IdleHeapReturn implements CellHooks {
    static final Duration AFTER = Duration.ofSeconds(15);

    private final Duration after;
    private final List<Runnable> steps;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sparkbook-idle-heap-return");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> pending;
    /** Counts arming and disarming: a timer that fired for an earlier idle period does nothing. */
    private long generation;

    /**
     * @param steps the idle work, in order, ending with {@code System.gc()} (the kernel first builds JShell's
     *              completion index, held back while it started, so that the index's garbage goes in the same
     *              collection)
     */
    IdleHeapReturn(Duration after, List<Runnable> steps) {
        this.after = after;
        this.steps = List.copyOf(steps);
    }

    /** The kernel went idle (it started, or a cell ended): collect once {@code after} from now, unless busy again. */
    synchronized void idle() {
        cancel();
        long g = generation;
        pending = timer.schedule(() -> collectOnce(g), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A cell began: no collection while it runs. */
    synchronized void busy() {
        cancel();
    }

    /** Whether a collection is still to come. */
    synchronized boolean armed() {
        return pending != null;
    }

    private void collectOnce(long armedAt) {
        for (Runnable step : steps) {
            synchronized (this) {
                if (armedAt != generation) return; // a cell began (or ended again) before this step
                pending = null;
            }
            step.run();
        }
    }

    private void cancel() {
        generation++;
        if (pending != null) pending.cancel(false);
        pending = null;
    }

    @Override
    public void beforeCell(String code, OutputTarget target) {
        busy();
    }

    @Override
    public EvalOutcome afterCell(String code, OutputTarget target, EvalOutcome outcome) {
        idle();
        return outcome;
    }
}
