package sparkbook.kernel.interpreter;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The narrow face of the Java evaluator that the protocol layer sees. */
public interface Interpreter extends AutoCloseable {

    /** Evaluates a cell of Java: several statements and declarations; the last expression's value is returned. */
    EvalOutcome eval(String code);

    /** Evaluates one expression and returns its value, for user_expressions and magics. */
    EvalOutcome evalExpression(String expression);

    Completion complete(String code, int cursor);

    Optional<Inspection> inspect(String code, int cursor);

    Completeness isComplete(String code);

    /** Stops the running cell, including code that never checks the interrupt flag. */
    void interrupt();

    /**
     * A new cell begins. An interrupt counts from here to the cell's end, also while the kernel prepares the cell
     * (Spark starting) before its first snippet runs.
     */
    void beginCell();

    void addToClasspath(Path jarOrDir);

    List<Path> classpath();

    /** Where snippet classes are written as .class files, for executors in other JVMs. */
    Path classOutputDir();

    /** The class loader of snippet classes; Spark must be created with it as the context class loader. */
    ClassLoader snippetClassLoader();

    /** The name of the notebook variable holding {@code value} itself, if one does (for titles of displays). */
    Optional<String> variableNameOf(Object value);

    /** Checks each snippet class before it runs (in the cell's thread); a check that throws fails the snippet. */
    void setSnippetGuard(SnippetGuard guard);

    /** The bytes of a snippet class by binary name (as a guard sees them), or null if there is none. */
    byte[] snippetClass(String binaryName);

    @FunctionalInterface
    interface SnippetGuard {
        void check(String className, byte[] classBytes);
    }

    @Override
    void close();

    record Completion(List<String> matches, int cursorStart, int cursorEnd) {}

    record Inspection(String signature, String javadoc) {}

    /** is_complete: {@code indent} is only meaningful for INCOMPLETE. */
    record Completeness(Status status, String indent) {
        public enum Status { COMPLETE, INCOMPLETE, INVALID, UNKNOWN }
    }
}
