package sparkbook.display.stream;

import sparkbook.display.MimeBundle;
import sparkbook.display.Bundles;
import sparkbook.display.table.Cell;
import sparkbook.display.table.HtmlTable;
import sparkbook.display.table.Mark;
import sparkbook.display.table.Table;
import sparkbook.display.table.TextTable;
import sparkbook.engine.metrics.ReceiverSnapshot;

import java.util.List;
import java.util.Locale;

/** Receivers of a StreamingContext: whether each is active, where it runs, its rate and last error. */
public final class ReceiversTable {
    private ReceiversTable() {}

    public static MimeBundle render(List<ReceiverSnapshot> receivers) {
        Table table = table(receivers);
        return Bundles.html(TextTable.render(table), HtmlTable.render(table));
    }

    public static Table table(List<ReceiverSnapshot> receivers) {
        Table.Builder table = Table.builder("id", "receiver", "active", "location", "records/s", "last error")
                .caption("receivers");
        for (ReceiverSnapshot r : receivers) {
            String error = r.lastError().orElse("");
            table.row(r.streamId(), r.name() == null ? "" : r.name(),
                    Cell.marked(r.active() ? "active" : "inactive", r.active() ? Mark.GOOD : Mark.BAD),
                    location(r), String.format(Locale.ROOT, "%,.1f", r.recordsPerSecond()),
                    error.isEmpty() ? Cell.of("") : Cell.marked(error, Mark.BAD));
        }
        if (receivers.isEmpty()) table.note("no receiver-based inputs");
        return table.build();
    }

    /** "host:port (executor 1)": where it runs, and on which executor when Spark says. */
    static String location(ReceiverSnapshot r) {
        String location = r.location() == null ? "" : r.location();
        return r.executorId() == null || r.executorId().isEmpty() ? location : location + " (executor " + r.executorId() + ")";
    }
}
