package sparkbook.engine.query;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a stateful query keeps in its state store after a committed micro-batch, read with Spark's state data source
 * (operator 0): its largest keys and, for an event-time window aggregation, its windows: those still in state can
 * change, those that left it were final (emitted in append mode) once the watermark passed their end.
 *
 * @param batchId      the committed micro-batch the state is read at
 * @param rows         rows in state (all keys)
 * @param keyColumns   the state key's columns (the grouping columns, {@code window} among them for windows)
 * @param valueColumns the state value's columns (the aggregation buffers, e.g. {@code count})
 * @param top          the keys with the largest first numeric value, at most a view's worth
 * @param windows      the windows in state, oldest first; empty unless the key has a window column
 * @param finalised    windows seen in state before that have left it since, newest first, bounded
 * @param watermarkMs  the watermark this micro-batch ran with, if the query has one
 */
public record StoredState(long batchId, long rows, List<String> keyColumns, List<String> valueColumns,
                          List<Entry> top, List<StateWindow> windows, List<StateWindow> finalised,
                          OptionalLong watermarkMs) {

    public StoredState {
        keyColumns = List.copyOf(keyColumns);
        valueColumns = List.copyOf(valueColumns);
        top = List.copyOf(top);
        windows = List.copyOf(windows);
        finalised = List.copyOf(finalised);
    }

    /** One key in state and its value, column by column (values as Spark returns them; nulls allowed). */
    public record Entry(List<Object> key, List<Object> value) {
        public Entry {
            key = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(key));
            value = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(value));
        }
    }

    /** True when the state is a window aggregation's. */
    public boolean windowed() {
        return keyColumns.contains("window");
    }

    /**
     * A window of event time in (or gone from) state.
     *
     * @param keys  keys of this window in state (e.g. words counted in it)
     * @param total the sum of the first numeric value column over those keys (e.g. events counted), if there is one
     */
    public record StateWindow(long startMs, long endMs, long keys, OptionalLong total) {
        /** A window stays in state, and can still change, until the watermark passes its end. */
        public boolean openAt(long watermarkMs) {
            return endMs > watermarkMs;
        }
    }
}
