package sparkbook.kernel.protocol;

import sparkbook.kernel.interpreter.EvalOutcome;
import sparkbook.kernel.io.OutputTarget;

import java.util.Optional;

/** What a feature (Spark) adds around every cell: set-up before it, bookkeeping after, advice on errors. */
public interface CellHooks {
    /** Runs before the cell, with its output already routed to the cell. */
    default void beforeCell(String code, OutputTarget target) {}

    /** Runs after the cell, while its output still goes to the cell. */
    default void afterCell(String code, OutputTarget target, EvalOutcome outcome) {}

    /** Advice for an error the cell raised (a Spark trap explained), if this feature knows it. */
    default Optional<String> explain(Throwable error) {
        return Optional.empty();
    }
}
