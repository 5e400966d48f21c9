package sparkbook.display.stream;

import sparkbook.display.MimeBundle;
import sparkbook.display.Bundles;
import sparkbook.display.table.Cell;
import sparkbook.display.table.HtmlTable;
import sparkbook.display.table.Mark;
import sparkbook.display.table.Table;
import sparkbook.display.table.TextTable;

import java.util.List;
import java.util.Locale;

/** Receivers of a StreamingContext: whether each is active, where it runs, its rate and last error. */
public final class ReceiversTable {
    private ReceiversTable() {}

    public static MimeBundle render(List<ReceiverInfo> receivers) {
        Table table = table(receivers);
        return Bundles.html(TextTable.render(table), HtmlTable.render(table));
    }

    public static Table table(List<ReceiverInfo> receivers) {
        Table.Builder table = Table.builder("id", "receiver", "active", "location", "records/s", "last error")
                .caption("receivers");
        for (ReceiverInfo r : receivers) {
            table.row(r.streamId(), r.name(),
                    Cell.marked(r.active() ? "active" : "inactive", r.active() ? Mark.GOOD : Mark.BAD),
                    r.location(), String.format(Locale.ROOT, "%,.1f", r.recordsPerSecond()),
                    r.lastError().isEmpty() ? Cell.of("") : Cell.marked(r.lastError(), Mark.BAD));
        }
        if (receivers.isEmpty()) table.note("no receiver-based inputs");
        return table.build();
    }
}
