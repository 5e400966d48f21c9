package sparkbook.kernel.interpreter;

/**
 * Thrown by kernel code that waits on the cell's behalf (for Spark to start, for batches to complete) when the user
 * interrupts the cell; the cell then ends as {@link EvalOutcome.Interrupted} with this message as its note.
 */
public final class CellInterruptedException extends RuntimeException {
    public CellInterruptedException(String message) {
        super(message);
    }
}
