package sparkbook.display.stream;

import sparkbook.display.MimeBundle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import sparkbook.display.Bundles;
import sparkbook.display.Html;
import sparkbook.display.chart.ChartStyle;
import sparkbook.display.chart.SvgChart;
import sparkbook.display.chart.VegaLite;
import sparkbook.display.table.HtmlTable;
import sparkbook.display.table.Table;
import sparkbook.display.table.TextTable;
import sparkbook.engine.tap.StateSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stateful stream ({@code updateStateByKey}, {@code mapWithState}) after its latest batch: how many keys the state
 * holds and how that changed, its top keys, and the state size over recent batches as a chart.
 *
 * <pre>{@code
 * var view = new StateView("totals", 1000);
 * BoundedHistory<StateSnapshot<?, ?>> history = new BoundedHistory<>(120);
 * StateTap.attach(totals, 10, history::add);
 * live.bind(() -> view.render(history.snapshot()));   // oldest first
 * }</pre>
 */
public final class StateView {
    private final String name;
    private final long batchIntervalMs;
    private int maxPoints = ThroughputChart.DEFAULT_MAX_POINTS;

    public StateView(String name, long batchIntervalMs) {
        this.name = name;
        this.batchIntervalMs = batchIntervalMs;
    }

    /** Chart points kept (most recent batches). */
    public StateView maxPoints(int maxPoints) {
        this.maxPoints = Math.max(2, maxPoints);
        return this;
    }

    /** @param history state after recent batches, oldest first */
    public MimeBundle render(List<? extends StateSnapshot<?, ?>> history) {
        if (history.isEmpty()) return Bundles.text(name + ": waiting for the first batch…");
        StateSnapshot<?, ?> latest = history.get(history.size() - 1);
        String heading = heading(history);
        Table top = topKeys(latest);
        String text = name + " · " + heading + "\n" + TextTable.render(top);
        StringBuilder html = new StringBuilder("<div class=\"sparkbook-state\" style=\"color:inherit\">")
                .append("<div style=\"font-weight:600\">").append(Html.escape(name + " · " + heading)).append("</div>")
                .append(HtmlTable.render(top));
        if (history.size() < 2) return Bundles.html(text, html.append("</div>").toString());
        List<? extends StateSnapshot<?, ?>> recent = history.subList(Math.max(0, history.size() - maxPoints), history.size());
        String svg = SvgChart.render(chart(recent));
        html.append(svg).append("</div>");
        return Bundles.chart(text, html.toString(), svg, vegaLite(recent));
    }

    /** "state after batch 12:00:03: 14 keys (+4 since the batch before)". */
    String heading(List<? extends StateSnapshot<?, ?>> history) {
        StateSnapshot<?, ?> latest = history.get(history.size() - 1);
        StringBuilder s = new StringBuilder("state after batch ")
                .append(TimeText.batchTime(latest.batchTimeMs(), batchIntervalMs)).append(": ")
                .append(TimeText.count(latest.size())).append(latest.size() == 1 ? " key" : " keys");
        if (history.size() >= 2) {
            long change = latest.size() - history.get(history.size() - 2).size();
            s.append(" (").append(change == 0 ? "unchanged" : (change > 0 ? "+" : "−") + TimeText.count(Math.abs(change)))
                    .append(" since the batch before)");
        }
        return s.toString();
    }

    static Table topKeys(StateSnapshot<?, ?> state) {
        Table.Builder table = Table.builder("key", "value")
                .caption("top " + state.top().size() + " of " + TimeText.count(state.size()) + " keys");
        for (Map.Entry<?, ?> kv : state.top()) table.row(kv.getKey(), kv.getValue());
        return table.build();
    }

    static JFreeChart chart(List<? extends StateSnapshot<?, ?>> state) {
        XYSeries keys = new XYSeries("keys in state", false, false);
        for (StateSnapshot<?, ?> s : state) keys.add(s.batchTimeMs(), s.size());
        NumberAxis y = new NumberAxis("keys");
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(new XYSeriesCollection(keys), new DateAxis("batch time"), y,
                new XYLineAndShapeRenderer(true, false));
        return ChartStyle.apply(new JFreeChart("State size over time", null, plot, false));
    }

    static Map<String, Object> vegaLite(List<? extends StateSnapshot<?, ?>> state) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StateSnapshot<?, ?> s : state) rows.add(VegaLite.map("time", s.batchTimeMs(), "keys", s.size()));
        Map<String, Object> spec = VegaLite.spec("State size over time", SvgChart.WIDTH - 80, SvgChart.HEIGHT - 80);
        spec.put("data", VegaLite.values(rows));
        spec.put("mark", "line");
        spec.put("encoding", VegaLite.map("x", VegaLite.field("time", "temporal", "batch time"),
                "y", VegaLite.field("keys", "quantitative", "keys in state")));
        return spec;
    }
}
