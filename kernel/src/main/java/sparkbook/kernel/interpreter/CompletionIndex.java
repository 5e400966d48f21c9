package sparkbook.kernel.interpreter;

import jdk.jshell.SourceCodeAnalysis;

import java.lang.reflect.Method;

/**
 * JShell's index of the class path for completion (every package and class name of the kernel's ~200 jars, which
 * completing {@code import org.apache.spark.str} needs), held back until the kernel has time for it. JShell starts
 * building it in a background thread as soon as its source analysis exists, that is while the kernel starts: on 2
 * cores it took a share of the CPU that JShell's start-up snippets and Spark's start needed for the first answers.
 * Here it starts at the first completion request, or when the kernel is idle ({@link #build}).
 * <p>
 * JShell can pause its indexing ({@code suspendIndexing}/{@code resumeIndexing}) only through its implementation
 * class, reached with {@code --add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED} (the kernel's {@code jvm.options}).
 * Without that option the index is built at once, as JShell does.
 */
final class CompletionIndex {
    private final SourceCodeAnalysis analysis;
    private final Method resume;
    private final Method waitUntilBuilt;
    private boolean started;

    private CompletionIndex(SourceCodeAnalysis analysis, Method resume, Method waitUntilBuilt, boolean started) {
        this.analysis = analysis;
        this.resume = resume;
        this.waitUntilBuilt = waitUntilBuilt;
        this.started = started;
    }

    /** Pauses the index JShell has just begun for {@code analysis} (its first use), if JShell lets us. */
    static CompletionIndex deferred(SourceCodeAnalysis analysis) {
        try {
            Class<?> impl = analysis.getClass();
            Method suspend = impl.getMethod("suspendIndexing");
            Method resume = impl.getMethod("resumeIndexing");
            Method waitUntilBuilt = impl.getMethod("waitBackgroundTaskFinished");
            for (Method m : new Method[] {suspend, resume, waitUntilBuilt}) m.setAccessible(true);
            suspend.invoke(analysis);
            return new CompletionIndex(analysis, resume, waitUntilBuilt, false);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new CompletionIndex(analysis, null, null, true); // not opened to us: JShell indexes as it does
        }
    }

    /** Lets the index be built in JShell's background thread (once; later calls do nothing). */
    synchronized void start() {
        if (started) return;
        started = true;
        try {
            resume.invoke(analysis);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("JShell's completion index did not resume", e);
        }
    }

    /** Whether the index may be built now (it may still be building). */
    synchronized boolean started() {
        return started;
    }

    /**
     * Starts the index if it had not started and waits until JShell has built it: true then, false where JShell
     * does not let us wait.
     */
    boolean build() {
        start();
        if (waitUntilBuilt == null) return false;
        try {
            waitUntilBuilt.invoke(analysis);
            return true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("JShell's completion index failed", e);
        }
    }
}
