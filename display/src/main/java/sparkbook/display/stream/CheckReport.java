package sparkbook.display.stream;

import java.util.List;

/**
 * Outcome of checking a stream's output against expectations (mapped from the engine's testing report).
 *
 * @param failures failing batches only; empty when {@code passed}
 */
public record CheckReport(String name, boolean passed, int batchesChecked, List<BatchMismatch> failures) {
    public CheckReport {
        failures = List.copyOf(failures);
    }

    /** Expected and actual output of one batch. */
    public record BatchMismatch(long batchTimeMs, List<?> expected, List<?> actual, String message) {
        public BatchMismatch {
            expected = List.copyOf(expected);
            actual = List.copyOf(actual);
            message = message == null ? "" : message;
        }
    }
}
