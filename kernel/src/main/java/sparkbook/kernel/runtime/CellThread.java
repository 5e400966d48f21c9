package sparkbook.kernel.runtime;

/**
 * The thread a cell's snippets run on. Stopping it is cooperative: snippet classes call {@link #checkStop()} at each
 * turn of a loop (the interpreter rewrites them so), which throws once the kernel asked the cell to stop. This
 * replaces {@code Thread.stop}, which JDK 20+ no longer performs.
 */
public final class CellThread extends Thread {
    private volatile boolean stopRequested;

    public CellThread(Runnable body, String name) {
        super(body, name);
    }

    /** From the kernel: the cell's code throws {@link CellStoppedError} at its next loop turn or check. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Called by snippet code at every backward jump; cheap when nothing is asked (a type check and a read). */
    public static void checkStop() {
        if (Thread.currentThread() instanceof CellThread t && t.stopRequested) throw new CellStoppedError();
    }

    /** Ends a stopped cell's code; an Error, so that {@code catch (Exception e)} in the cell does not keep it going. */
    public static final class CellStoppedError extends Error {
        private static final long serialVersionUID = 1L;

        CellStoppedError() {
            super("The cell was interrupted.", null, false, false);
        }
    }
}
