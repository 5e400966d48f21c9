package sparkbook.kernel.protocol;

import sparkbook.kernel.interpreter.EvalOutcome;
import sparkbook.kernel.io.OutputTarget;

import java.util.Optional;

/** What a feature (Spark) adds around every cell: set-up before it, bookkeeping after, advice on errors. */
public interface CellHooks {
    /** Runs before the cell, with its output already routed to the cell. */
    default void beforeCell(String code, OutputTarget target) {}

    /**
     * Runs after the cell, while its output still goes to the cell; returns the outcome to report, which a hook may
     * amend (an interrupted cell says whether its Spark work has ended).
     */
    default EvalOutcome afterCell(String code, OutputTarget target, EvalOutcome outcome) {
        return outcome;
    }

    /** Advice for an error the cell raised (a Spark trap explained), if this feature knows it. */
    default Optional<String> explain(Throwable error) {
        return Optional.empty();
    }
}
