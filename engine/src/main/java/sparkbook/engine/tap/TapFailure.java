package sparkbook.engine.tap;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/**
 * A batch a tap could not sample: the stream's own computation threw (a failing lambda), or its data was gone.
 *
 * @param reason the root exception, as "ArithmeticException: / by zero"
 */
public record TapFailure(long batchTimeMs, String reason) {

    /** The failure of a sampling job, or null when the job was cancelled (an interrupted cell, a stopped context). */
    static TapFailure of(long batchTimeMs, Throwable error) {
        Throwable e = error instanceof ExecutionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof CancellationException || String.valueOf(e.getMessage()).contains("cancelled")) return null;
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        return new TapFailure(batchTimeMs, root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message));
    }
}
