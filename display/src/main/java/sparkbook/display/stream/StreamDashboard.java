package sparkbook.display.stream;

import sparkbook.display.MimeBundle;
import sparkbook.display.Bundles;
import sparkbook.display.Html;
import sparkbook.display.Styles;
import sparkbook.display.table.Cell;
import sparkbook.display.table.HtmlTable;
import sparkbook.display.table.Mark;
import sparkbook.display.table.Table;
import sparkbook.engine.metrics.BatchSnapshot;
import sparkbook.engine.metrics.Stability;
import sparkbook.engine.metrics.StreamStatus;

import java.util.List;

/**
 * A whole StreamingContext at a glance: one status line, the throughput chart, recent batches and
 * receivers. text/plain is the status line alone so consoles get one readable line per update.
 *
 * <pre>{@code
 * var dashboard = new StreamDashboard();
 * live.bind(() -> dashboard.render(session.status()));   // session: a StreamingSession
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
        if (status.batches().isEmpty()) return MimeBundle.text("throughput: waiting for the first batch…");
        return Bundles.chartOnly(throughput.summary(status), throughput.svg(status), throughput.vegaLite(status));
    }

    /** @param withChart false when the chart is shown as a display of its own */
    public MimeBundle render(StreamStatus status, boolean withChart) {
        String line = statusLine(status);
        Stability stability = status.stability();
        StringBuilder html = new StringBuilder("<div class=\"sparkbook-dashboard\" style=\"color:inherit\">")
                .append("<div style=\"font-weight:600;").append(stability == Stability.FALLING_BEHIND ? Styles.BAD : "")
                .append("\">").append(Html.escape(line)).append("</div>");
        String svg = null;
        if (withChart && !status.batches().isEmpty()) {
            svg = throughput.svg(status);
            html.append(svg);
        }
        html.append("<div style=\"display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start\"><div>")
                .append(HtmlTable.render(recent(status))).append("</div>");
        if (!status.receivers().isEmpty()) {
            html.append("<div>").append(HtmlTable.render(ReceiversTable.table(status.receivers()))).append("</div>");
        }
        html.append("</div></div>");
        return svg == null ? Bundles.html(line, html.toString())
                : Bundles.chart(line, html.toString(), svg, throughput.vegaLite(status));
    }

    /** {@code ACTIVE · batch 1 s · 42 batches · last 1,204 rec · proc 85 ms · sched delay 3 ms · stable} */
    public static String statusLine(StreamStatus status) {
        StringBuilder s = new StringBuilder(status.state())
                .append(" · batch ").append(TimeText.duration(status.batchIntervalMs()))
                .append(" · ").append(TimeText.count(status.totalBatches())).append(status.totalBatches() == 1 ? " batch" : " batches");
        status.latest().ifPresent(b -> s.append(" · last ").append(TimeText.count(b.totalRecords())).append(" rec")
                .append(" · proc ").append(TimeText.duration(b.processingTimeMs().orElse(0)))
                .append(" · sched delay ").append(TimeText.duration(b.schedulingDelayMs().orElse(0))));
        long failed = status.batches().stream().filter(BatchSnapshot::failed).count();
        if (failed > 0) s.append(" · ").append(failed).append(" failed");
        if (!status.batches().isEmpty()) s.append(" · ").append(status.stability().label());
        return s.toString();
    }

    Table recent(StreamStatus status) {
        Table.Builder table = Table.builder("batch time", "records", "sched delay", "processing", "total delay", "output ops")
                .caption("recent batches");
        List<BatchSnapshot> recent = status.last(recentBatches);
        for (int i = recent.size() - 1; i >= 0; i--) {
            BatchSnapshot b = recent.get(i);
            long processingMs = b.processingTimeMs().orElse(0);
            Cell processing = processingMs > status.batchIntervalMs()
                    ? Cell.marked(TimeText.duration(processingMs), Mark.BAD)
                    : Cell.of(TimeText.duration(processingMs));
            Cell ops = b.failed() ? Cell.marked(b.failures().size() + " of " + b.outputOperations() + " failed", Mark.BAD)
                    : Cell.of(b.outputOperations());
            table.row(TimeText.batchTime(b.batchTimeMs(), status.batchIntervalMs()), b.totalRecords(),
                    TimeText.duration(b.schedulingDelayMs().orElse(0)), processing,
                    TimeText.duration(b.totalDelayMs().orElse(0)), ops);
        }
        if (recent.isEmpty()) table.note("no batches yet");
        return table.build();
    }
}
