package sparkbook.kernel.runtime;

import java.security.Permission;

/**
 * Turns System.exit in a cell into an exception, so user code cannot end the kernel. Two layers: the interpreter
 * rewrites snippet classes to call {@link #exit(int)} (and the {@code Runtime} forms) instead, on every JDK; and on
 * JDKs that still allow a security manager (17, 21) this manager also refuses exits from library code called by a
 * cell, or from Spark giving up during its start. The kernel's own exit ({@link Runtime#halt} at shutdown) passes
 * once it called {@link #allowKernelExit()}: on those JDKs {@code halt} asks the security manager too.
 */
@SuppressWarnings("removal")
public final class ExitGuard extends SecurityManager {

    /** Thrown in place of System.exit(status). */
    public static final class CellExitException extends SecurityException {
        public CellExitException(int status) {
            super("System.exit(" + status + ") was called in a cell. The kernel keeps running; "
                    + "to restart it use the front end's Restart command.");
        }
    }

    /** What a cell's {@code System.exit(status)} calls instead. */
    public static void exit(int status) {
        throw new CellExitException(status);
    }

    /** What a cell's {@code Runtime.getRuntime().exit(status)} calls instead. */
    public static void exit(Runtime runtime, int status) {
        throw new CellExitException(status);
    }

    /** What a cell's {@code Runtime.getRuntime().halt(status)} calls instead. */
    public static void halt(Runtime runtime, int status) {
        throw new CellExitException(status);
    }

    /** Set once the kernel itself is exiting: its own halt must pass. */
    private volatile boolean kernelExiting;

    /** Lets the kernel's own exit through the guard, if one is installed; its shutdown calls this first. */
    public static void allowKernelExit() {
        if (System.getSecurityManager() instanceof ExitGuard guard) guard.kernelExiting = true;
    }

    @Override
    public void checkExit(int status) {
        if (!kernelExiting) throw new CellExitException(status);
    }

    @Override
    public void checkPermission(Permission perm) {
        // Everything else is allowed: this manager exists only for checkExit.
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
    }

    /** Installs the guard where the JVM still allows a security manager (JDK 17 does); false otherwise. */
    public static boolean install() {
        // JDK 17 warns on stderr that the API is deprecated: that warning would only confuse notebook users.
        java.io.PrintStream err = System.err;
        System.setErr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            System.setSecurityManager(new ExitGuard());
            return true;
        } catch (UnsupportedOperationException | SecurityException e) {
            return false;
        } finally {
            System.setErr(err);
        }
    }
}
