package sparkbook.display.query;

import sparkbook.display.stream.TimeText;
import sparkbook.display.table.Cell;
import sparkbook.display.table.Mark;
import sparkbook.display.table.Table;
import sparkbook.engine.query.StoredState;
import sparkbook.engine.query.StoredState.StateWindow;

import java.util.ArrayList;
import java.util.List;

/**
 * A stateful query's state as tables: for an event-time window aggregation, its windows against the watermark (open
 * ones can still change; final ones left the state when the watermark passed their end, which is when append mode
 * emits them); for any other state, its largest keys with their values.
 *
 * <pre>{@code
 * QueryStateReader.of(query).flatMap(r -> r.read(10, OptionalLong.empty(), 0))
 *     .ifPresent(state -> System.out.println(TextTable.render(QueryStateView.table(state))));
 * }</pre>
 */
public final class QueryStateView {
    private QueryStateView() {}

    public static Table table(StoredState state) {
        return state.windowed() ? windows(state) : keys(state);
    }

    /** "event time after micro-batch 7 · watermark 2026-01-01 12:00:21 UTC · 2 windows open, 1 final" */
    static Table windows(StoredState state) {
        String measure = state.valueColumns().isEmpty() ? "value" : state.valueColumns().get(0);
        long watermark = state.watermarkMs().orElse(Long.MIN_VALUE);
        long open = state.windows().stream().filter(w -> w.openAt(watermark)).count();
        long closed = state.finalised().size() + state.windows().size() - open;
        String caption = "event time after micro-batch " + state.batchId()
                + state.watermarkMs().stream().mapToObj(w -> " · watermark " + TimeText.utc(w)).findFirst().orElse(" · no watermark yet")
                + " · " + open + (open == 1 ? " window" : " windows") + " open, " + closed + " final";
        Table.Builder table = Table.builder("window (UTC)", "keys", measure, "status").caption(caption);
        List<StateWindow> finals = new ArrayList<>(state.finalised());
        java.util.Collections.reverse(finals); // oldest first, as the open windows below
        for (StateWindow w : finals) {
            table.row(TimeText.utcSpan(w.startMs(), w.endMs()), w.keys(), total(w),
                    Cell.marked("final: the watermark passed its end, it left the state", Mark.GOOD));
        }
        for (StateWindow w : state.windows()) {
            table.row(TimeText.utcSpan(w.startMs(), w.endMs()), w.keys(), total(w), w.openAt(watermark)
                    ? Cell.marked("open: rows up to the watermark still count", Mark.IN_WINDOW)
                    : Cell.marked("final: past the watermark, still in state", Mark.GOOD));
        }
        if (finals.isEmpty() && state.windows().isEmpty()) table.note("no windows in state");
        else table.note("a row older than the watermark is late: dropped, not counted");
        return table.build();
    }

    /** "state after micro-batch 7 · 1,204 rows · largest first" */
    static Table keys(StoredState state) {
        List<String> header = new ArrayList<>();
        state.keyColumns().forEach(c -> header.add("key: " + c));
        header.addAll(state.valueColumns());
        Table.Builder table = Table.builder(header).caption("state after micro-batch " + state.batchId() + " · "
                + TimeText.count(state.rows()) + (state.rows() == 1 ? " row" : " rows") + " · largest first");
        for (StoredState.Entry e : state.top()) {
            List<Object> row = new ArrayList<>(e.key());
            row.addAll(e.value());
            table.row(row);
        }
        if (state.top().isEmpty()) table.note("no keys in state");
        else if (state.top().size() < state.rows()) table.note("the " + state.top().size() + " largest of " + TimeText.count(state.rows()));
        return table.build();
    }

    private static Object total(StateWindow w) {
        return w.total().isPresent() ? (Object) w.total().getAsLong() : "";
    }
}
