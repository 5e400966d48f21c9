package sparkbook.kernel;

import sparkbook.kernel.channels.ConnectionInfo;
import sparkbook.kernel.runtime.ExitGuard;

import java.nio.file.Path;

/** {@code java -cp ... sparkbook.kernel.Main <connection-file>}: what the kernelspec runs. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: sparkbook.kernel.Main <connection-file>  (Jupyter passes {connection_file})");
            System.exit(2);
        }
        // One log4j context for the whole JVM: Spark classes and snippet classes (another class loader) must share
        // the routing to the log file and the cell, or Spark falls back to its INFO-to-console default.
        System.setProperty("log4j2.contextSelector", "org.apache.logging.log4j.core.selector.BasicContextSelector");
        ConnectionInfo conn = ConnectionInfo.read(Path.of(args[0]));
        SparkbookKernel kernel = new SparkbookKernel(conn);
        ExitGuard.install();
        installSigint(kernel);
        // No orphaned JVMs: when the process that started the kernel dies, so does the kernel.
        starter().ifPresentOrElse(p -> p.onExit().thenRun(kernel::shutdown), kernel::shutdown);
        kernel.serve();
    }

    /**
     * The process that started the kernel: Jupyter names it in JPY_PARENT_PID, which still holds when it died before
     * the JVM got here (the JVM's parent is then already init); without it, the JVM's parent. Empty when it is gone.
     */
    private static java.util.Optional<ProcessHandle> starter() {
        String named = System.getenv("JPY_PARENT_PID");
        if (named != null && named.matches("\\d+")) return ProcessHandle.of(Long.parseLong(named)).filter(ProcessHandle::isAlive);
        return ProcessHandle.current().parent();
    }

    @SuppressWarnings("restriction")
    private static void installSigint(SparkbookKernel kernel) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> kernel.interrupt());
        } catch (IllegalArgumentException e) {
            // No SIGINT on this platform; interrupt_request on the control channel still works.
        }
    }
}
