package sparkbook.display.query;

import sparkbook.display.Bundles;
import sparkbook.display.Html;
import sparkbook.display.MimeBundle;
import sparkbook.display.Quantities;
import sparkbook.display.Styles;
import sparkbook.display.stream.TimeText;
import sparkbook.display.table.Cell;
import sparkbook.display.table.HtmlTable;
import sparkbook.display.table.Mark;
import sparkbook.display.table.Table;
import sparkbook.display.table.TextTable;
import sparkbook.engine.query.StoredState;
import sparkbook.engine.metrics.Stability;
import sparkbook.engine.query.QueryBatch;
import sparkbook.engine.query.QueryState;
import sparkbook.engine.query.QueryStatus;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One Structured Streaming query, as Spark's Structured Streaming tab shows it: a status line, its recent
 * micro-batches (rows, rates, duration, watermark, state rows), and its chart in a display of its own.
 *
 * <pre>{@code
 * var dashboard = new QueryDashboard();
 * live.bind(() -> dashboard.render(queries.status(query.id()).orElseThrow()));  // queries: a QueryListener
 * }</pre>
 */
public final class QueryDashboard {
    private final QueryChart chart = new QueryChart();
    private int recentBatches = 5;

    public QueryDashboard recentBatches(int n) {
        this.recentBatches = n;
        return this;
    }

    /** The status line and the table of recent batches (HTML, and the line as text). */
    public MimeBundle render(QueryStatus status) {
        return render(status, Optional.empty());
    }

    /** With the query's state below the batches: its windows against the watermark, or its largest keys. */
    public MimeBundle render(QueryStatus status, Optional<StoredState> state) {
        String line = statusLine(status);
        boolean bad = status.state() == QueryState.FAILED || status.stability() == Stability.FALLING_BEHIND;
        StringBuilder html = new StringBuilder("<div class=\"sparkbook-query\" style=\"color:inherit\">")
                .append("<div style=\"font-weight:600;").append(bad ? Styles.BAD : "").append("\">")
                .append(Html.escape(line)).append("</div>");
        status.failure().ifPresent(f -> html.append("<pre style=\"").append(Styles.BAD).append(";white-space:pre-wrap\">")
                .append(Html.escape(firstLines(f, 6))).append("</pre>"));
        html.append(HtmlTable.render(recent(status)));
        StringBuilder text = new StringBuilder(line);
        state.ifPresent(s -> {
            Table table = QueryStateView.table(s);
            html.append(HtmlTable.render(table));
            text.append('\n').append(TextTable.render(table));
        });
        return Bundles.html(text.toString(), html.append("</div>").toString());
    }

    /** The chart alone: SVG for classic Notebook, Vega-Lite for JupyterLab; text until the first batch. */
    public MimeBundle chart(QueryStatus status) {
        if (status.batches().isEmpty()) return MimeBundle.text(status.title() + ": waiting for the first micro-batch…");
        return Bundles.chartOnly(chartText(status), chart.svg(status), chart.vegaLite(status));
    }

    /** {@code words · active · 12 batches · last 1,204 rows · 3,100 rows/s in · 9,800 rows/s processed · 2 state rows · stable} */
    public static String statusLine(QueryStatus status) {
        StringBuilder s = new StringBuilder(status.title()).append(" · ").append(status.state().label())
                .append(" · ").append(TimeText.count(status.totalBatches())).append(status.totalBatches() == 1 ? " batch" : " batches");
        status.latest().ifPresent(b -> {
            s.append(" · last ").append(TimeText.count(b.inputRows())).append(" rows")
                    .append(" · ").append(rate(b.inputRowsPerSecond())).append(" rows/s in · ")
                    .append(rate(b.processedRowsPerSecond())).append(" rows/s processed");
            b.watermarkMs().ifPresent(w -> s.append(" · watermark ").append(TimeText.utc(w)));
            if (b.stateful()) s.append(" · ").append(TimeText.count(b.stateRows())).append(" state rows");
        });
        if (!status.batches().isEmpty() && status.state() == QueryState.ACTIVE) s.append(" · ").append(status.stability().label());
        status.failure().ifPresent(f -> s.append(": ").append(f.lines().findFirst().orElse(f)));
        return s.toString();
    }

    Table recent(QueryStatus status) {
        boolean state = status.batches().stream().anyMatch(QueryBatch::stateful);
        boolean watermark = status.batches().stream().anyMatch(b -> b.watermarkMs().isPresent());
        List<String> header = new java.util.ArrayList<>(List.of("batch", "rows", "rows/s in", "rows/s processed", "duration"));
        if (watermark) header.add("watermark");
        if (state) header.addAll(List.of("state rows", "updated", "dropped (late)", "state memory"));
        Table.Builder table = Table.builder(header).caption("recent micro-batches");
        List<QueryBatch> recent = status.last(recentBatches);
        for (int i = recent.size() - 1; i >= 0; i--) {
            QueryBatch b = recent.get(i);
            List<Object> row = new java.util.ArrayList<>(List.of(b.batchId(), b.inputRows(), rate(b.inputRowsPerSecond()),
                    b.inputRowsPerSecond() > b.processedRowsPerSecond() && b.inputRows() > 0
                            ? Cell.marked(rate(b.processedRowsPerSecond()), Mark.BAD) : Cell.of(rate(b.processedRowsPerSecond())),
                    TimeText.duration(b.batchDurationMs())));
            if (watermark) row.add(b.watermarkMs().isPresent() ? TimeText.utc(b.watermarkMs().getAsLong()) : "");
            if (state) {
                row.add(b.stateRows());
                row.add(b.stateRowsUpdated());
                row.add(b.stateRowsDroppedByWatermark() > 0 ? Cell.marked(b.stateRowsDroppedByWatermark(), Mark.BAD)
                        : Cell.of(b.stateRowsDroppedByWatermark()));
                row.add(Quantities.bytes(b.stateMemoryBytes()));
            }
            table.row(row);
        }
        if (recent.isEmpty()) table.note("no micro-batches yet");
        return table.build();
    }

    private static String chartText(QueryStatus status) {
        QueryBatch b = status.latest().orElseThrow();
        return status.title() + ": " + rate(b.inputRowsPerSecond()) + " rows/s in, " + rate(b.processedRowsPerSecond())
                + " rows/s processed, batch " + b.batchId() + " took " + TimeText.duration(b.batchDurationMs())
                + " · " + status.stability().label();
    }

    static String rate(double perSecond) {
        return perSecond >= 100 ? TimeText.count(Math.round(perSecond)) : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    private static String firstLines(String text, int n) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(0, Math.min(n, lines.size()))) + (lines.size() > n ? "\n…" : "");
    }
}
