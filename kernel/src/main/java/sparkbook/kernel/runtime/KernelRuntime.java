package sparkbook.kernel.runtime;

/**
 * The one holder of process-wide kernel state. Cells are compiled by JShell into classes that can reach the
 * kernel only through statics; everything static lives here, set once by the kernel at start.
 */
public final class KernelRuntime {
    private static volatile NotebookServices services;
    private static volatile java.util.function.Supplier<sparkbook.engine.api.StreamingSession> spark;

    private KernelRuntime() {}

    public static void install(NotebookServices s) {
        services = s;
    }

    /** Set by the kernel's Spark support: supplies the notebook's StreamingSession, waiting for it to start. */
    public static void installSpark(java.util.function.Supplier<sparkbook.engine.api.StreamingSession> session) {
        spark = session;
    }

    /** The notebook's Spark session (sparkbook.engine.api.StreamingSession); what sc, spark and ssc come from. */
    public static sparkbook.engine.api.StreamingSession spark() {
        java.util.function.Supplier<sparkbook.engine.api.StreamingSession> s = spark;
        if (s == null) throw new IllegalStateException("Spark is not available in this kernel.");
        return s.get();
    }

    public static NotebookServices services() {
        NotebookServices s = services;
        if (s == null) throw new IllegalStateException("No sparkbook kernel is running in this JVM: display() and friends work in notebook cells.");
        return s;
    }
}
