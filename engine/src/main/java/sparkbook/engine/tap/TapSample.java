package sparkbook.engine.tap;

import java.util.List;
import java.util.Objects;

/**
 * What a tap saw in one batch: the row count and the first rows.
 *
 * @param truncated true when the batch had more rows than were captured
 */
public record TapSample<T>(long batchTimeMs, long count, List<T> rows, boolean truncated) {

    public TapSample {
        rows = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(rows));
    }

    /** The rows as text, for display. */
    public List<String> rowsAsText() {
        return rows.stream().map(Objects::toString).toList();
    }
}
