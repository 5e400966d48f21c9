package sparkbook.display.query;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.CategoryTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import sparkbook.display.chart.ChartStyle;
import sparkbook.display.chart.SvgChart;
import sparkbook.display.chart.VegaLite;
import sparkbook.engine.query.QueryBatch;
import sparkbook.engine.query.QueryStatus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A query's micro-batches as Spark's Structured Streaming tab draws them: input rate against process rate, and each
 * batch's duration split by phase (addBatch, getBatch, latestOffset, queryPlanning, walCommit...). SVG for classic
 * Notebook, Vega-Lite for JupyterLab; the x axis is the batch id.
 */
public final class QueryChart {
    static final int MAX_POINTS = 60;
    private static final int WIDTH = 640, HEIGHT = 360;
    /** Phases that contain the others: drawn as their parts, not stacked on them. */
    private static final Set<String> TOTALS = Set.of("triggerExecution");

    public String svg(QueryStatus status) {
        return SvgChart.render(chart(status), WIDTH, HEIGHT);
    }

    JFreeChart chart(QueryStatus status) {
        List<QueryBatch> batches = status.last(MAX_POINTS);
        XYSeriesCollection rates = new XYSeriesCollection();
        XYSeries input = new XYSeries("input rows/s", false, false);
        XYSeries processed = new XYSeries("processed rows/s", false, false);
        for (QueryBatch b : batches) {
            input.add(b.batchId(), b.inputRowsPerSecond());
            processed.add(b.batchId(), b.processedRowsPerSecond());
        }
        rates.addSeries(input);
        rates.addSeries(processed);
        NumberAxis rateAxis = new NumberAxis("rows/s");
        rateAxis.setAutoRangeIncludesZero(true);
        XYPlot ratePlot = new XYPlot(rates, null, rateAxis, new XYLineAndShapeRenderer(true, true));

        CategoryTableXYDataset phases = new CategoryTableXYDataset();
        for (QueryBatch b : batches) {
            for (String phase : phases(batches)) phases.add(b.batchId(), b.durationMs().getOrDefault(phase, 0L), phase);
        }
        StackedXYBarRenderer bars = new StackedXYBarRenderer(0.15);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        XYPlot phasePlot = new XYPlot(phases, null, new NumberAxis("ms"), bars);

        NumberAxis batchAxis = new NumberAxis("batch");
        batchAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(batchAxis);
        plot.setGap(6);
        plot.add(ratePlot, 1);
        plot.add(phasePlot, 1);
        JFreeChart chart = new JFreeChart(status.title() + " · " + status.stability().label(), null, plot, true);
        ChartStyle.apply(chart);
        for (int s = 0; s < phases.getSeriesCount(); s++) bars.setSeriesPaint(s, ChartStyle.series(2 + s));
        return chart;
    }

    /** Vega-Lite v5: the rates as lines over the phases as stacked bars, by batch id. */
    public Map<String, Object> vegaLite(QueryStatus status) {
        List<QueryBatch> batches = status.last(MAX_POINTS);
        List<Map<String, Object>> rateRows = new ArrayList<>();
        List<Map<String, Object>> phaseRows = new ArrayList<>();
        for (QueryBatch b : batches) {
            rateRows.add(VegaLite.map("batch", b.batchId(), "rate", "input rows/s", "rows/s", b.inputRowsPerSecond()));
            rateRows.add(VegaLite.map("batch", b.batchId(), "rate", "processed rows/s", "rows/s", b.processedRowsPerSecond()));
            for (String phase : phases(batches)) {
                phaseRows.add(VegaLite.map("batch", b.batchId(), "phase", phase, "ms", b.durationMs().getOrDefault(phase, 0L)));
            }
        }
        Map<String, Object> spec = VegaLite.spec(status.title() + " · " + status.stability().label(), WIDTH - 160, HEIGHT / 2 - 40);
        int w = WIDTH - 160, h = HEIGHT / 2 - 40;
        spec.remove("width");
        spec.remove("height");
        Map<String, Object> x = VegaLite.field("batch", "ordinal", "batch");
        spec.put("vconcat", VegaLite.list(
                VegaLite.map("width", w, "height", h, "data", VegaLite.values(rateRows),
                        "mark", VegaLite.map("type", "line", "point", true, "tooltip", true),
                        "encoding", VegaLite.map("x", x, "y", VegaLite.field("rows/s", "quantitative", "rows/s"),
                                "color", VegaLite.field("rate", "nominal", "rate"))),
                VegaLite.map("width", w, "height", h, "data", VegaLite.values(phaseRows),
                        "mark", VegaLite.map("type", "bar", "tooltip", true),
                        "encoding", VegaLite.map("x", x, "y", VegaLite.field("ms", "quantitative", "ms"),
                                "color", VegaLite.field("phase", "nominal", "phase")))));
        spec.put("resolve", VegaLite.map("scale", VegaLite.map("color", "independent")));
        return spec;
    }

    private static List<String> phases(List<QueryBatch> batches) {
        Set<String> names = new LinkedHashSet<>();
        for (QueryBatch b : batches) for (String k : b.durationMs().keySet()) if (!TOTALS.contains(k)) names.add(k);
        return List.copyOf(names);
    }
}
