package sparkbook.kernel.interpreter;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The REPL as the protocol and the magics see it: evaluate, complete, inspect, judge completeness, interrupt. What
 * Spark needs of JShell's internals (where snippet classes are, their loader, the notebook's variables) is the
 * separate {@link SnippetRuntime}.
 */
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

    @Override
    void close();

    record Completion(List<String> matches, int cursorStart, int cursorEnd) {}

    record Inspection(String signature, String javadoc) {}

    /** is_complete: {@code indent} is only meaningful for INCOMPLETE. */
    record Completeness(Status status, String indent) {
        public enum Status { COMPLETE, INCOMPLETE, INVALID, UNKNOWN }
    }
}
