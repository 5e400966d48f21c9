package sparkbook.display.stream;

import sparkbook.display.MimeBundle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import sparkbook.display.Bundles;
import sparkbook.display.Html;
import sparkbook.display.Styles;
import sparkbook.display.chart.ChartStyle;
import sparkbook.display.chart.SvgChart;
import sparkbook.display.chart.VegaLite;
import sparkbook.engine.metrics.BatchSnapshot;
import sparkbook.engine.metrics.StreamStatus;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Input rate per input stream, and processing time, scheduling delay and total delay against the
 * batch interval, over recent batches. Titled "stable" or "falling behind" ({@link StreamStatus#stability()}).
 * Inputs are labelled by stream id ("input 0"); without per-input counts the total is "all inputs".
 */
public final class ThroughputChart {
    /** Point cap per series: enough for two minutes of 1 s batches, small enough for 4 updates/s. */
    public static final int DEFAULT_MAX_POINTS = 120;

    private int maxPoints = DEFAULT_MAX_POINTS;
    private int width = SvgChart.WIDTH;
    private int height = SvgChart.HEIGHT;

    public ThroughputChart maxPoints(int points) {
        if (points < 1) throw new IllegalArgumentException("points must be >= 1");
        this.maxPoints = points;
        return this;
    }

    public ThroughputChart size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    public MimeBundle render(StreamStatus status) {
        String summary = summary(status);
        if (status.batches().isEmpty()) {
            return Bundles.html(summary, "<div style=\"" + Styles.NOTE + "\">" + Html.escape(summary) + "</div>");
        }
        String svg = svg(status);
        String html = "<div class=\"sparkbook-throughput\" style=\"color:inherit\">"
                + "<div>" + Html.escape(summary) + "</div>" + svg + "</div>";
        return Bundles.chart(summary, html, svg, vegaLite(status));
    }

    /** One line for consoles: rates, latest timings and the verdict. */
    public String summary(StreamStatus status) {
        var latest = status.latest();
        if (latest.isEmpty()) return "throughput: no batches yet";
        BatchSnapshot b = latest.get();
        StringBuilder s = new StringBuilder("throughput: ")
                .append(rate(b.totalRecords(), status.batchIntervalMs())).append(" rec/s");
        if (b.recordsPerStream().size() > 1) {
            List<String> parts = new ArrayList<>();
            new TreeSet<>(b.recordsPerStream().keySet()).forEach(id ->
                    parts.add(status.inputName(id) + " " + rate(b.recordsPerStream().get(id), status.batchIntervalMs())));
            s.append(" (").append(String.join(", ", parts)).append(')');
        }
        return s.append(" · proc ").append(TimeText.duration(b.processingTimeMs().orElse(0)))
                .append(" / interval ").append(TimeText.duration(status.batchIntervalMs()))
                .append(" · sched delay ").append(TimeText.duration(b.schedulingDelayMs().orElse(0)))
                .append(" · ").append(status.stability().label()).toString();
    }

    public JFreeChart chart(StreamStatus status) {
        List<BatchSnapshot> batches = status.last(maxPoints);
        double perSecond = 1000.0 / status.batchIntervalMs();

        XYSeriesCollection rates = new XYSeriesCollection();
        for (Integer input : inputs(batches)) {
            XYSeries series = new XYSeries(label(status, input) + " (rec/s)", false, false);
            for (BatchSnapshot b : batches) series.add(b.batchTimeMs(), recordsOf(b, input) * perSecond);
            rates.addSeries(series);
        }
        XYSeriesCollection delays = new XYSeriesCollection();
        XYSeries processing = new XYSeries("processing time", false, false);
        XYSeries scheduling = new XYSeries("scheduling delay", false, false);
        XYSeries total = new XYSeries("total delay", false, false);
        long maxMs = status.batchIntervalMs();
        for (BatchSnapshot b : batches) {
            processing.add(b.batchTimeMs(), b.processingTimeMs().orElse(0));
            scheduling.add(b.batchTimeMs(), b.schedulingDelayMs().orElse(0));
            total.add(b.batchTimeMs(), b.totalDelayMs().orElse(0));
            maxMs = Math.max(maxMs, b.totalDelayMs().orElse(0));
        }
        delays.addSeries(processing);
        delays.addSeries(scheduling);
        delays.addSeries(total);

        NumberAxis rateAxis = new NumberAxis("records/s");
        rateAxis.setAutoRangeIncludesZero(true);
        XYPlot ratePlot = new XYPlot(rates, null, rateAxis, new XYLineAndShapeRenderer(true, false));

        NumberAxis msAxis = new NumberAxis("ms");
        msAxis.setRange(0, maxMs * 1.15); // keep the interval marker in view even when batches are fast
        XYPlot delayPlot = new XYPlot(delays, null, msAxis, new XYLineAndShapeRenderer(true, false));
        ValueMarker interval = new ValueMarker(status.batchIntervalMs(), ChartStyle.ALERT,
                new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{5f, 4f}, 0f));
        interval.setLabel("batch interval " + TimeText.duration(status.batchIntervalMs()));
        interval.setLabelPaint(ChartStyle.ALERT);
        interval.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        interval.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        delayPlot.addRangeMarker(interval);

        DateAxis time = new DateAxis("batch time");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(6);
        plot.add(ratePlot, 1);
        plot.add(delayPlot, 1);
        JFreeChart chart = new JFreeChart("Streaming throughput · " + status.stability().label(),
                null, plot, true);
        ChartStyle.apply(chart);
        // Sub-plots share one legend; give delay series colours distinct from the rate series.
        for (int s = 0; s < delays.getSeriesCount(); s++) {
            delayPlot.getRenderer().setSeriesPaint(s, ChartStyle.series(rates.getSeriesCount() + s));
        }
        return chart;
    }

    public String svg(StreamStatus status) {
        return SvgChart.render(chart(status), width, height);
    }

    /** Vega-Lite v5: two vertically stacked line charts sharing the time axis, the interval as a rule. */
    public Map<String, Object> vegaLite(StreamStatus status) {
        List<BatchSnapshot> batches = status.last(maxPoints);
        double perSecond = 1000.0 / status.batchIntervalMs();
        List<Map<String, Object>> rateRows = new ArrayList<>();
        List<Map<String, Object>> delayRows = new ArrayList<>();
        List<Integer> inputs = inputs(batches);
        for (BatchSnapshot b : batches) {
            for (Integer input : inputs) {
                rateRows.add(VegaLite.map("time", b.batchTimeMs(), "input", label(status, input),
                        "rate", recordsOf(b, input) * perSecond));
            }
            delayRows.add(VegaLite.map("time", b.batchTimeMs(), "measure", "processing time", "ms", b.processingTimeMs().orElse(0)));
            delayRows.add(VegaLite.map("time", b.batchTimeMs(), "measure", "scheduling delay", "ms", b.schedulingDelayMs().orElse(0)));
            delayRows.add(VegaLite.map("time", b.batchTimeMs(), "measure", "total delay", "ms", b.totalDelayMs().orElse(0)));
        }
        int panelHeight = (height - 80) / 2;
        Map<String, Object> spec = VegaLite.spec("Streaming throughput · " + status.stability().label(),
                width - 160, panelHeight);
        spec.remove("width");
        spec.remove("height");
        Map<String, Object> x = VegaLite.field("time", "temporal", "batch time");
        Map<String, Object> ratePanel = VegaLite.map(
                "width", width - 160, "height", panelHeight,
                "data", VegaLite.values(rateRows), "mark", "line",
                "encoding", VegaLite.map("x", x,
                        "y", VegaLite.field("rate", "quantitative", "records/s"),
                        "color", VegaLite.field("input", "nominal", "input")));
        Map<String, Object> delayPanel = VegaLite.map(
                "width", width - 160, "height", panelHeight,
                "layer", VegaLite.list(
                        VegaLite.map("data", VegaLite.values(delayRows), "mark", "line",
                                "encoding", VegaLite.map("x", x,
                                        "y", VegaLite.field("ms", "quantitative", "ms"),
                                        "color", VegaLite.field("measure", "nominal", "measure"))),
                        VegaLite.map("mark", VegaLite.map("type", "rule", "strokeDash", VegaLite.list(5, 4),
                                        "color", "#D55E00"),
                                "encoding", VegaLite.map("y", VegaLite.map("datum", status.batchIntervalMs())))),
                "resolve", VegaLite.map("scale", VegaLite.map("color", "independent")));
        spec.put("vconcat", VegaLite.list(ratePanel, delayPanel));
        spec.put("resolve", VegaLite.map("scale", VegaLite.map("color", "independent")));
        return spec;
    }

    /** Input stream ids seen in these batches, in id order; a lone null ("all inputs") when none reports counts. */
    private static List<Integer> inputs(List<BatchSnapshot> batches) {
        SortedSet<Integer> ids = new TreeSet<>();
        for (BatchSnapshot b : batches) ids.addAll(b.recordsPerStream().keySet());
        return ids.isEmpty() ? Collections.singletonList(null) : List.copyOf(ids);
    }

    private static String label(StreamStatus status, Integer streamId) {
        return streamId == null ? "all inputs" : status.inputName(streamId);
    }

    /** Records of one input; a batch without a per-input breakdown counts its total as the only input. */
    private static long recordsOf(BatchSnapshot b, Integer streamId) {
        return b.recordsPerStream().isEmpty() ? b.totalRecords() : b.recordsPerStream().getOrDefault(streamId, 0L);
    }

    static String rate(long records, long intervalMs) {
        return String.format(Locale.ROOT, "%,.0f", records * 1000.0 / intervalMs);
    }
}
