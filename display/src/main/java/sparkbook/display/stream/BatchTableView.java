package sparkbook.display.stream;

import sparkbook.display.MimeBundle;
import sparkbook.display.Bundles;
import sparkbook.display.Html;
import sparkbook.display.Styles;
import sparkbook.display.table.HtmlTable;
import sparkbook.display.table.RowShape;
import sparkbook.display.table.Table;
import sparkbook.display.table.TextTable;
import sparkbook.engine.tap.TapSample;

import java.util.List;

/**
 * Per-batch results of a tapped DStream: the latest batch (time, count, first rows) and a compact
 * history of recent batches.
 *
 * <pre>{@code
 * var view = new BatchTableView("wordCounts", 1000).rows(5);
 * BoundedHistory<TapSample<?>> recent = new BoundedHistory<>(16);
 * BatchTap.attach(wordCounts, 5, recent::add);
 * live.bind(() -> view.render(recent.snapshot()));
 * }</pre>
 */
public final class BatchTableView {
    private final String streamName;
    private final long batchIntervalMs;
    private int rows = 10;
    private int historySize = 8;

    public BatchTableView(String streamName, long batchIntervalMs) {
        this.streamName = streamName;
        this.batchIntervalMs = batchIntervalMs;
    }

    /** How many of the latest batch's rows to show (the tap may have kept fewer). */
    public BatchTableView rows(int rows) {
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0");
        this.rows = rows;
        return this;
    }

    public BatchTableView historySize(int batches) {
        if (batches < 0) throw new IllegalArgumentException("history size must be >= 0");
        this.historySize = batches;
        return this;
    }

    /** @param batches recent batches, oldest first */
    public MimeBundle render(List<? extends TapSample<?>> batches) {
        if (batches.isEmpty()) {
            String waiting = streamName + ": waiting for the first batch…";
            return Bundles.html(waiting, "<div class=\"sparkbook-batch\" style=\"" + Styles.NOTE + "\">"
                    + Html.escape(waiting) + "</div>");
        }
        TapSample<?> latest = batches.get(batches.size() - 1);
        Table rowsTable = latestRows(latest, columnsOfLastRows(batches));
        Table history = history(batches);
        String heading = streamName + " · batch " + TimeText.batchTime(latest.batchTimeMs(), batchIntervalMs)
                + " · " + TimeText.records(latest.count());
        String text = heading + "\n" + TextTable.render(rowsTable)
                + (history.isEmpty() ? "" : TextTable.render(history));
        String html = "<div class=\"sparkbook-batch\" style=\"color:inherit\">"
                + "<div style=\"font-weight:600\">" + Html.escape(heading) + "</div>"
                + "<div style=\"display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start\">"
                + "<div>" + HtmlTable.render(rowsTable) + "</div>"
                + (history.isEmpty() ? "" : "<div>" + HtmlTable.render(history) + "</div>")
                + "</div></div>";
        return Bundles.html(text, html);
    }

    /** An empty batch keeps the columns the stream's last rows had, so the table does not change shape between batches. */
    private static List<String> columnsOfLastRows(List<? extends TapSample<?>> batches) {
        for (int i = batches.size() - 1; i >= 0; i--) {
            if (!batches.get(i).rows().isEmpty()) return RowShape.columns(batches.get(i).rows().get(0));
        }
        return List.of("value");
    }

    Table latestRows(TapSample<?> batch, List<String> columnsWhenEmpty) {
        List<?> shown = batch.rows().subList(0, Math.min(rows, batch.rows().size()));
        List<String> columns = shown.isEmpty() ? columnsWhenEmpty : RowShape.columns(shown.get(0));
        Table.Builder table = Table.builder(columns);
        for (Object row : shown) table.row(RowShape.cells(row, columns));
        if (batch.count() > shown.size()) {
            table.note("first " + shown.size() + " of " + TimeText.count(batch.count()) + " records");
        } else if (batch.count() == 0) {
            table.note("empty batch");
        }
        return table.build();
    }

    Table history(List<? extends TapSample<?>> batches) {
        Table.Builder table = Table.builder("batch time", "records").caption("recent batches");
        List<? extends TapSample<?>> recent = batches.subList(Math.max(0, batches.size() - historySize), batches.size());
        for (int i = recent.size() - 1; i >= 0; i--) { // newest first, as in the Spark UI
            TapSample<?> b = recent.get(i);
            table.row(TimeText.batchTime(b.batchTimeMs(), batchIntervalMs), b.count());
        }
        return table.build();
    }
}
