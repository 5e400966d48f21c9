package sparkbook.kernel.interpreter;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import sparkbook.kernel.runtime.CellThread;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs snippets in this JVM, each on a fresh cell thread whose context class loader is the snippet loader
 * (Spark deserialises snippet lambdas through it). Keeps the value object and the thrown exception of the last
 * invocation, which JShell itself only offers as strings. Stopping asks the cell thread to stop (snippet code checks
 * at each loop turn), interrupts it, runs the interrupt hooks (cancelling Spark jobs, waking kernel waits), and if
 * the cell still runs, stops the thread outright where the JDK still can.
 */
final class SnippetExecutionControl extends DirectExecutionControl {
    private static final long STOP_GRACE_MS = 300;
    private final SnippetClassLoader loader;
    private final Runnable onInterrupt;
    private final AtomicInteger cellThreads = new AtomicInteger();
    private volatile CellThread running;
    private volatile boolean stopRequested;
    private volatile Object lastValue;
    private volatile Throwable lastError;
    private volatile SnippetRuntime.SnippetGuard guard;
    private volatile SnippetClassStore store;

    /** Told each snippet class's name before it runs, on the thread that runs it (before the guard). */
    private volatile java.util.function.Consumer<String> beforeRun = name -> { };

    void beforeRun(java.util.function.Consumer<String> hook) {
        beforeRun = hook;
    }

    void setGuard(SnippetRuntime.SnippetGuard guard, SnippetClassStore store) {
        this.store = store;
        this.guard = guard;
    }

    SnippetExecutionControl(SnippetLoaderDelegate delegate, SnippetClassLoader loader, Runnable onInterrupt) {
        super(delegate);
        this.loader = loader;
        this.onInterrupt = onInterrupt;
    }

    ExecutionControlProvider provider() {
        SnippetExecutionControl self = this;
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "sparkbook";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> params) {
                return self;
            }
        };
    }

    Object lastValue() {
        return lastValue;
    }

    Throwable takeLastError() {
        Throwable t = lastError;
        lastError = null;
        return t;
    }

    void clearLast() {
        lastValue = null;
        lastError = null;
    }

    /** A new cell begins: an interrupt of the one before no longer counts. Kept across the snippets of a cell. */
    void clearStop() {
        stopRequested = false;
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        CellThread t = new CellThread(() -> {
            try {
                beforeRun.accept(doit.getDeclaringClass().getName());
                SnippetRuntime.SnippetGuard g = guard;
                if (g != null) g.check(doit.getDeclaringClass().getName(), store.get(doit.getDeclaringClass().getName()));
                result[0] = doit.invoke(null);
            } catch (InvocationTargetException e) {
                thrown[0] = e.getCause();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "sparkbook-cell-" + cellThreads.incrementAndGet());
        t.setContextClassLoader(loader);
        // An interrupt between two snippets of a cell must stop the next one: stop() marks the request before it
        // looks for a running thread, and this checks the mark after publishing the thread.
        if (stopRequested) throw new StoppedException();
        running = t;
        if (stopRequested) {
            running = null;
            throw new StoppedException();
        }
        try {
            t.start();
            t.join();
        } finally {
            running = null;
        }
        if (stopRequested && thrown[0] != null) throw new StoppedException();
        if (thrown[0] != null) {
            lastError = thrown[0];
            throw new InvocationTargetException(thrown[0]);
        }
        lastValue = result[0];
        return valueString(result[0]);
    }

    /** Called from the control thread: interrupt, cancel jobs, then force the cell thread to stop. */
    @Override
    @SuppressWarnings("removal")
    public void stop() {
        stopRequested = true;
        CellThread t = running;
        // The cell's Spark jobs are cancelled before its thread is interrupted: an interrupted thread may end the
        // cell, and the cell's end forgets its job group, before the cancel names it (seen: the tasks kept their cores).
        try {
            onInterrupt.run(); // also when no snippet runs: the cell may be waiting in kernel code (a magic, Spark's start)
        } catch (RuntimeException ignored) {
            // Cancelling jobs is best effort; the thread is stopped below regardless.
        }
        if (t == null) return;
        t.requestStop(); // snippet code stops at its next loop turn (SnippetBytecode), on every JDK
        t.interrupt();
        try {
            t.join(STOP_GRACE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            try {
                t.stop(); // a busy loop in library code must still end where the JDK can (17-19)
            } catch (UnsupportedOperationException e) {
                // JDK 20+: snippet code stops at its checks; library code runs until it looks at its interrupt flag
            }
        }
    }

    boolean wasStopped() {
        return stopRequested;
    }


    @Override
    public void close() {
        // The JVM outlives JShell only at shutdown; nothing to release.
    }
}
