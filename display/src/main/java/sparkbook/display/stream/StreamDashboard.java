package sparkbook.display.stream;

import sparkbook.display.MimeBundle;
import sparkbook.display.Bundles;
import sparkbook.display.Html;
import sparkbook.display.Styles;
import sparkbook.display.table.Cell;
import sparkbook.display.table.HtmlTable;
import sparkbook.display.table.Mark;
import sparkbook.display.table.Table;
import sparkbook.display.table.TextTable;

import java.util.List;

/**
 * A whole StreamingContext at a glance: one status line, the throughput chart, recent batches and
 * receivers. text/plain is the status line alone so consoles get one readable line per update.
 *
 * <pre>{@code
 * var dashboard = new StreamDashboard();
 * live.bind(() -> dashboard.render(EngineViews.status(engine)));
 * }</pre>
 */
public final class StreamDashboard {
    private final ThroughputChart throughput = new ThroughputChart();
    private int recentBatches = 5;

    public StreamDashboard recentBatches(int n) {
        this.recentBatches = n;
        return this;
    }

    public ThroughputChart throughput() {
        return throughput;
    }

    public MimeBundle render(StreamStatus status) {
        return render(status, true);
    }

    /**
     * The chart as its own display, next to a dashboard rendered {@code withChart=false}: SVG for classic Notebook,
     * Vega-Lite for JupyterLab. Empty text until the first batch.
     */
    public MimeBundle chart(StreamStatus status) {
        StreamHistory h = status.history();
        if (h.batches().isEmpty()) return MimeBundle.text("throughput: waiting for the first batch…");
        return Bundles.chartOnly(throughput.summary(h), throughput.svg(h), throughput.vegaLite(h));
    }

    /** @param withChart false when the chart is shown as a display of its own */
    public MimeBundle render(StreamStatus status, boolean withChart) {
        String line = statusLine(status);
        Stability stability = Stability.of(status.history());
        StringBuilder html = new StringBuilder("<div class=\"sparkbook-dashboard\" style=\"color:inherit\">")
                .append("<div style=\"font-weight:600;").append(stability == Stability.FALLING_BEHIND ? Styles.BAD : "")
                .append("\">").append(Html.escape(line)).append("</div>");
        String svg = null;
        if (withChart && !status.history().batches().isEmpty()) {
            svg = throughput.svg(status.history());
            html.append(svg);
        }
        html.append("<div style=\"display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start\"><div>")
                .append(HtmlTable.render(recent(status.history()))).append("</div>");
        if (!status.receivers().isEmpty()) {
            html.append("<div>").append(HtmlTable.render(ReceiversTable.table(status.receivers()))).append("</div>");
        }
        html.append("</div></div>");
        return svg == null ? Bundles.html(line, html.toString())
                : Bundles.chart(line, html.toString(), svg, throughput.vegaLite(status.history()));
    }

    /** {@code ACTIVE · batch 1 s · 42 batches · last 1,204 rec · proc 85 ms · sched delay 3 ms · stable} */
    public static String statusLine(StreamStatus status) {
        StreamHistory h = status.history();
        StringBuilder s = new StringBuilder(status.state())
                .append(" · batch ").append(TimeText.duration(h.batchIntervalMs()))
                .append(" · ").append(TimeText.count(h.totalBatches())).append(h.totalBatches() == 1 ? " batch" : " batches");
        h.latest().ifPresent(b -> s.append(" · last ").append(TimeText.count(b.records())).append(" rec")
                .append(" · proc ").append(TimeText.duration(b.processingTimeMs()))
                .append(" · sched delay ").append(TimeText.duration(b.schedulingDelayMs())));
        long failed = h.batches().stream().filter(BatchStats::failed).count();
        if (failed > 0) s.append(" · ").append(failed).append(" failed");
        if (!h.batches().isEmpty()) s.append(" · ").append(Stability.of(h).label());
        return s.toString();
    }

    /** Text rendering of the same content, for consoles that want more than the status line. */
    public String describe(StreamStatus status) {
        return statusLine(status) + "\n" + throughput.summary(status.history()) + "\n"
                + TextTable.render(recent(status.history()))
                + (status.receivers().isEmpty() ? "" : TextTable.render(ReceiversTable.table(status.receivers())));
    }

    Table recent(StreamHistory history) {
        Table.Builder table = Table.builder("batch time", "records", "sched delay", "processing", "total delay", "output ops")
                .caption("recent batches");
        List<BatchStats> recent = history.last(recentBatches);
        for (int i = recent.size() - 1; i >= 0; i--) {
            BatchStats b = recent.get(i);
            Cell processing = b.processingTimeMs() > history.batchIntervalMs()
                    ? Cell.marked(TimeText.duration(b.processingTimeMs()), Mark.BAD)
                    : Cell.of(TimeText.duration(b.processingTimeMs()));
            Cell ops = b.failed() ? Cell.marked(b.failedOutputOps() + " of " + b.outputOps() + " failed", Mark.BAD)
                    : Cell.of(b.outputOps());
            table.row(TimeText.batchTime(b.batchTimeMs(), history.batchIntervalMs()), b.records(),
                    TimeText.duration(b.schedulingDelayMs()), processing, TimeText.duration(b.totalDelayMs()), ops);
        }
        if (recent.isEmpty()) table.note("no batches yet");
        return table.build();
    }
}
