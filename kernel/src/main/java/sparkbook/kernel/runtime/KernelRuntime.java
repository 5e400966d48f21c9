package sparkbook.kernel.runtime;

/**
 * The one holder of process-wide kernel state. Cells are compiled by JShell into classes that can reach the
 * kernel only through statics; everything static lives here, set once by the kernel at start.
 */
public final class KernelRuntime {
    private static volatile NotebookServices services;

    private KernelRuntime() {}

    public static void install(NotebookServices s) {
        services = s;
    }

    public static NotebookServices services() {
        NotebookServices s = services;
        if (s == null) throw new IllegalStateException("No sparkbook kernel is running in this JVM: display() and friends work in notebook cells.");
        return s;
    }
}
