package sparkbook.display.stream;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
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
import sparkbook.display.table.Cell;
import sparkbook.display.table.HtmlTable;
import sparkbook.display.table.Mark;
import sparkbook.display.table.Table;
import sparkbook.display.table.TextTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which batches the current window covers, drawn as a timeline table of batch cells (accessible and
 * theme-neutral), the window's current contents, and for stateful streams the keys in state, top
 * keys and a state-size-over-time chart.
 *
 * <pre>{@code
 * var view = new WindowView("counts", new WindowSpec(1000, 30_000, 10_000));
 * live.bind(() -> view.render(tap.latestTime(), tap.latest(), stateHistory));
 * }</pre>
 */
public final class WindowView {
    /** Timeline cells; longer windows show their most recent part with a note. */
    public static final int MAX_CELLS = 40;

    private final String name;
    private final WindowSpec spec;
    private final BatchTableView contents;
    private int maxPoints = ThroughputChart.DEFAULT_MAX_POINTS;

    public WindowView(String name, WindowSpec spec) {
        this.name = name;
        this.spec = spec;
        this.contents = new BatchTableView(name, spec.batchIntervalMs()).historySize(0);
    }

    public WindowView rows(int rows) {
        contents.rows(rows);
        return this;
    }

    /**
     * @param windowEndMs time of the batch that closed the current window
     * @param windowContents the window's output at that time, or null if not tapped
     * @param state state after recent batches (oldest first), empty for stateless streams
     */
    public DisplayData render(long windowEndMs, TapBatch windowContents, List<StateInfo> state) {
        Table timeline = timeline(windowEndMs);
        String heading = describe(windowEndMs);
        StringBuilder text = new StringBuilder(name).append(" · ").append(heading).append('\n')
                .append(textTimeline(windowEndMs)).append('\n');
        StringBuilder html = new StringBuilder("<div class=\"sparkbook-window\" style=\"color:inherit\">")
                .append("<div style=\"font-weight:600\">").append(Html.escape(name + " · " + heading)).append("</div>")
                .append(HtmlTable.render(timeline));
        if (windowContents != null) {
            Table rows = contents.latestRows(windowContents);
            String title = "window contents: " + TimeText.count(windowContents.count()) + " records";
            text.append(title).append('\n').append(TextTable.render(rows));
            html.append("<div>").append(Html.escape(title)).append("</div>").append(HtmlTable.render(rows));
        }
        String svg = null;
        Map<String, Object> vega = null;
        if (!state.isEmpty()) {
            StateInfo latest = state.get(state.size() - 1);
            Table top = topKeys(latest);
            text.append(TextTable.render(top));
            html.append(HtmlTable.render(top));
            if (state.size() >= 2) {
                List<StateInfo> recent = state.subList(Math.max(0, state.size() - maxPoints), state.size());
                svg = SvgChart.render(stateChart(recent));
                vega = stateVegaLite(recent);
                html.append(svg);
            }
        }
        html.append("</div>");
        return svg == null ? Bundles.html(text.toString(), html.toString())
                : Bundles.chart(text.toString(), html.toString(), svg, vega);
    }

    String describe(long windowEndMs) {
        long first = windowEndMs - spec.windowLengthMs() + spec.batchIntervalMs();
        return "window " + TimeText.duration(spec.windowLengthMs()) + " sliding every " + TimeText.duration(spec.slideMs())
                + " over " + TimeText.duration(spec.batchIntervalMs()) + " batches: covers "
                + TimeText.batchTime(first, spec.batchIntervalMs()) + "–" + TimeText.batchTime(windowEndMs, spec.batchIntervalMs())
                + " (" + spec.batchesPerWindow() + " batches)";
    }

    /** Batch cells ending at the window end; the cells in the window are marked, so are slide points. */
    Table timeline(long windowEndMs) {
        List<Long> times = cellTimes(windowEndMs);
        List<String> header = new ArrayList<>(List.of(""));
        for (long t : times) header.add(TimeText.batchTime(t, spec.batchIntervalMs()));
        List<Object> inWindow = new ArrayList<>(List.of("in window"));
        List<Object> slides = new ArrayList<>(List.of("window output"));
        for (long t : times) {
            inWindow.add(spec.covers(windowEndMs, t) ? Cell.marked("■", Mark.IN_WINDOW) : Cell.of(""));
            slides.add(Math.floorMod(windowEndMs - t, spec.slideMs()) == 0 ? "▲" : "");
        }
        Table.Builder table = Table.builder(header).caption("batch timeline").row(inWindow).row(slides);
        long hidden = spec.batchesPerWindow() + 2 - times.size();
        if (hidden > 0) table.note("earliest " + hidden + " batches of the window not shown");
        return table.build();
    }

    String textTimeline(long windowEndMs) {
        StringBuilder s = new StringBuilder("[");
        for (long t : cellTimes(windowEndMs)) s.append(spec.covers(windowEndMs, t) ? '#' : '.');
        return s.append("] # = batch in window, newest right").toString();
    }

    private List<Long> cellTimes(long windowEndMs) {
        int cells = (int) Math.min(MAX_CELLS, spec.batchesPerWindow() + 2); // two batches of context before
        List<Long> times = new ArrayList<>(cells);
        for (int i = cells - 1; i >= 0; i--) times.add(windowEndMs - i * spec.batchIntervalMs());
        return times;
    }

    static Table topKeys(StateInfo state) {
        Table.Builder table = Table.builder("key", "value")
                .caption("state: " + TimeText.count(state.keysInState()) + " keys · top keys");
        for (StateInfo.KeyValue kv : state.topKeys()) table.row(kv.key(), kv.value());
        return table.build();
    }

    static JFreeChart stateChart(List<StateInfo> state) {
        XYSeries keys = new XYSeries("keys in state", false, false);
        for (StateInfo s : state) keys.add(s.batchTimeMs(), s.keysInState());
        NumberAxis y = new NumberAxis("keys");
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(new XYSeriesCollection(keys), new DateAxis("batch time"), y,
                new XYLineAndShapeRenderer(true, false));
        return ChartStyle.apply(new JFreeChart("State size over time", null, plot, false));
    }

    static Map<String, Object> stateVegaLite(List<StateInfo> state) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StateInfo s : state) rows.add(VegaLite.map("time", s.batchTimeMs(), "keys", s.keysInState()));
        Map<String, Object> spec = VegaLite.spec("State size over time", SvgChart.WIDTH - 80, SvgChart.HEIGHT - 80);
        spec.put("data", VegaLite.values(rows));
        spec.put("mark", "line");
        spec.put("encoding", VegaLite.map("x", VegaLite.field("time", "temporal", "batch time"),
                "y", VegaLite.field("keys", "quantitative", "keys in state")));
        return spec;
    }
}
