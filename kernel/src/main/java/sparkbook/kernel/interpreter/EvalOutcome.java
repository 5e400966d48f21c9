package sparkbook.kernel.interpreter;

import java.util.List;

/** What evaluating a cell came to: a value (or none), a compile error, a runtime error, or an interruption. */
public sealed interface EvalOutcome {

    /** Success. {@code hasValue} is false for cells whose last snippet is a statement or declaration. */
    record Success(Object value, boolean hasValue) implements EvalOutcome {}

    /** Rejected by the compiler; traceback lines point at the cell line and column with a caret. */
    record CompileError(String message, List<String> traceback) implements EvalOutcome {}

    /** An exception thrown by the cell, with its trace trimmed of kernel and JShell frames. */
    record RuntimeError(Throwable error, String ename, String evalue, List<String> traceback) implements EvalOutcome {}

    /** The user interrupted the cell; {@code note} says what became of its work (null: nothing to say). */
    record Interrupted(String note) implements EvalOutcome {
        public Interrupted() {
            this(null);
        }
    }
}
