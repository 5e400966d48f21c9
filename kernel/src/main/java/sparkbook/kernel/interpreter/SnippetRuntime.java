package sparkbook.kernel.interpreter;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the notebook's Spark needs of the snippets JShell compiles, apart from evaluating them: where their classes
 * are (executors load them from there), their class loader, a check of each snippet class before it runs, and the
 * notebook's top-level variables, read and set in place.
 */
public interface SnippetRuntime {
    /** Where snippet classes are written as .class files, for executors in other JVMs. */
    Path classOutputDir();

    /** The class loader of snippet classes; Spark must be created with it as the context class loader. */
    ClassLoader snippetClassLoader();

    /** Checks each snippet class before it runs (in the cell's thread); a check that throws fails the snippet. */
    void setSnippetGuard(SnippetGuard guard);

    /** The bytes of a snippet class by binary name (as a guard sees them), or null if there is none. */
    byte[] snippetClass(String binaryName);

    /** The name of the notebook variable holding {@code value} itself, if one does (for titles of displays). */
    Optional<String> variableNameOf(Object value);

    /** The value of the notebook's variable {@code name} as it stands (empty if it is not declared or is null). */
    Optional<Object> variable(String name);

    /**
     * Sets the notebook's variable {@code name}, declared in an earlier snippet, without evaluating code: false if
     * no such variable is declared or its type cannot hold {@code value} (the user declared it otherwise).
     */
    boolean setVariable(String name, Object value);

    /** Spark's call sites in snippets ("count at $JShell$25.java:9") as the cell lines they are ("count at cell line 3"). */
    String readableCallSite(String text);

    @FunctionalInterface
    interface SnippetGuard {
        void check(String className, byte[] classBytes);
    }
}
