package sparkbook.kernel.interpreter;

import java.util.ArrayList;
import java.util.List;

/** What evaluating a cell came to: a value (or none), a compile error, a runtime error, or an interruption. */
public sealed interface EvalOutcome {

    /**
     * What a cell came to when kernel code around it (a magic, a hook, the runner) threw {@code e}: an interruption
     * for {@link CellInterruptedException}, otherwise a runtime error with a one-line traceback.
     */
    static EvalOutcome thrown(Exception e) {
        if (e instanceof CellInterruptedException) return new Interrupted(e.getMessage());
        String ename = e.getClass().getName();
        return new RuntimeError(e, ename, String.valueOf(e.getMessage()), List.of(Traceback.headline(ename, e.getMessage())));
    }

    /** Success. {@code hasValue} is false for cells whose last snippet is a statement or declaration. */
    record Success(Object value, boolean hasValue) implements EvalOutcome {}

    /** Rejected by the compiler; traceback lines point at the cell line and column with a caret. */
    record CompileError(String message, List<String> traceback) implements EvalOutcome {}

    /** An exception thrown by the cell, with its trace trimmed of kernel and JShell frames. */
    record RuntimeError(Throwable error, String ename, String evalue, List<String> traceback) implements EvalOutcome {

        /** The same error with {@code advice} (what to do about it) as the first line of its traceback. */
        public RuntimeError withAdvice(String advice) {
            List<String> trace = new ArrayList<>(traceback.size() + 1);
            trace.add(Traceback.advice(advice));
            trace.addAll(traceback);
            return new RuntimeError(error, ename, evalue, trace);
        }
    }

    /** The user interrupted the cell; {@code note} says what became of its work (null: nothing to say). */
    record Interrupted(String note) implements EvalOutcome {
        public Interrupted() {
            this(null);
        }
    }
}
