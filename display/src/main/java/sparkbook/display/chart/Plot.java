package sparkbook.display.chart;

import sparkbook.display.MimeBundle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import sparkbook.display.Bundles;
import sparkbook.display.table.RowShape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chart of rows a cell collected (records, tuples, map entries, Spark rows): one column along x, one or more
 * numeric columns as bars or lines. Drawn with JFreeChart as SVG, and as Vega-Lite for JupyterLab.
 *
 * <pre>{@code
 * record Sizes(int batch, long updateStateByKey, long mapWithState) {}
 * display(Plot.bars("Keys in state per batch", rows, "batch", "updateStateByKey", "mapWithState"));
 * }</pre>
 */
public final class Plot {
    /** Rows drawn at most; more would make an unreadable chart and a heavy notebook. */
    public static final int MAX_ROWS = 500;

    private Plot() {}

    public static MimeBundle bars(String title, List<?> rows, String x, String... ys) {
        return draw(true, title, rows, x, ys);
    }

    public static MimeBundle lines(String title, List<?> rows, String x, String... ys) {
        return draw(false, title, rows, x, ys);
    }

    /**
     * A scatter of two numeric columns, coloured by a third column when {@code colour} is given (e.g. a cluster's
     * number, or the batch a point belongs to).
     */
    public static MimeBundle points(String title, List<?> rows, String x, String y, String colour) {
        if (rows.isEmpty()) return Bundles.text(title + ": no rows to draw");
        List<String> columns = RowShape.columns(rows.get(0));
        int xAt = indexOf(columns, x, rows.get(0));
        int yAt = indexOf(columns, y, rows.get(0));
        int cAt = colour == null ? -1 : indexOf(columns, colour, rows.get(0));
        List<?> drawn = rows.size() > MAX_ROWS ? rows.subList(0, MAX_ROWS) : rows;
        XYSeriesCollection dataset = new XYSeriesCollection();
        Map<String, XYSeries> series = new LinkedHashMap<>();
        List<Map<String, Object>> values = new ArrayList<>();
        for (Object row : drawn) {
            List<Object> cells = RowShape.cells(row, columns);
            Number xValue = number(cells.get(xAt), x, x);
            Number yValue = number(cells.get(yAt), y, x);
            String group = cAt < 0 ? y : String.valueOf(cells.get(cAt));
            series.computeIfAbsent(group, g -> {
                XYSeries created = new XYSeries(g, false, true);
                dataset.addSeries(created);
                return created;
            }).add(xValue, yValue);
            Map<String, Object> point = new LinkedHashMap<>();
            point.put(x, xValue);
            point.put(y, yValue);
            if (cAt >= 0) point.put(colour, group);
            values.add(point);
        }
        String note = rows.size() > drawn.size() ? " (first " + drawn.size() + " of " + rows.size() + " rows)" : "";
        XYPlot plot = new XYPlot(dataset, axis(x), axis(y), new XYLineAndShapeRenderer(false, true));
        String svg = SvgChart.render(ChartStyle.apply(new JFreeChart(title + note, null, plot, cAt >= 0)));
        Map<String, Object> spec = VegaLite.spec(title + note, SvgChart.WIDTH - 80, SvgChart.HEIGHT - 80);
        spec.put("data", VegaLite.map("values", values));
        spec.put("mark", VegaLite.map("type", "point", "filled", true, "tooltip", true));
        Map<String, Object> encoding = VegaLite.map("x", VegaLite.field(x, "quantitative", x),
                "y", VegaLite.field(y, "quantitative", y));
        if (cAt >= 0) encoding.put("color", VegaLite.field(colour, "nominal", colour));
        spec.put("encoding", encoding);
        String text = title + note + ": " + y + " against " + x + (cAt >= 0 ? " by " + colour : "") + ", " + drawn.size() + " points";
        return Bundles.chartOnly(text, svg, spec);
    }

    private static NumberAxis axis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    private static Number number(Object value, String column, String x) {
        if (value instanceof Number n) return n;
        throw new IllegalArgumentException("Column \"" + column + "\" holds " + (value == null ? "null" : value.getClass().getSimpleName())
                + " values (" + value + "), not numbers: name numeric columns to draw against \"" + x + "\".");
    }

    private static MimeBundle draw(boolean bars, String title, List<?> rows, String x, String... ys) {
        if (ys.length == 0) throw new IllegalArgumentException("Name at least one numeric column to draw after \"" + x + "\".");
        if (rows.isEmpty()) return Bundles.text(title + ": no rows to draw");
        List<String> columns = RowShape.columns(rows.get(0));
        int xAt = indexOf(columns, x, rows.get(0));
        int[] yAt = new int[ys.length];
        for (int i = 0; i < ys.length; i++) yAt[i] = indexOf(columns, ys[i], rows.get(0));

        List<?> drawn = rows.size() > MAX_ROWS ? rows.subList(0, MAX_ROWS) : rows;
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        List<Map<String, Object>> values = new ArrayList<>();
        boolean numericX = true;
        for (Object row : drawn) {
            List<Object> cells = RowShape.cells(row, columns);
            Object xValue = cells.get(xAt);
            numericX &= xValue instanceof Number;
            Map<String, Object> point = new LinkedHashMap<>();
            point.put(x, xValue instanceof Number ? xValue : String.valueOf(xValue));
            for (int i = 0; i < ys.length; i++) {
                Object y = cells.get(yAt[i]);
                if (y != null && !(y instanceof Number)) {
                    throw new IllegalArgumentException("Column \"" + ys[i] + "\" holds " + y.getClass().getSimpleName()
                            + " values (" + y + "), not numbers: name numeric columns after \"" + x + "\".");
                }
                dataset.addValue((Number) y, ys[i], String.valueOf(xValue));
                point.put(ys[i], y);
            }
            values.add(point);
        }
        String note = rows.size() > drawn.size() ? " (first " + drawn.size() + " of " + rows.size() + " rows)" : "";
        String svg = SvgChart.render(chart(bars, title + note, x, dataset, ys.length));
        String text = title + note + ": " + String.join(", ", ys) + " by " + x + ", " + drawn.size() + " rows";
        return Bundles.chartOnly(text, svg, vegaLite(bars, title + note, x, numericX && !bars, ys, values));
    }

    private static int indexOf(List<String> columns, String name, Object sample) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("No column \"" + name + "\" in rows of " + sample.getClass().getSimpleName()
                    + "; its columns are " + String.join(", ", columns) + ".");
        }
        return i;
    }

    private static JFreeChart chart(boolean bars, String title, String x, DefaultCategoryDataset dataset, int series) {
        CategoryItemRenderer renderer;
        if (bars) {
            BarRenderer r = new BarRenderer();
            r.setBarPainter(new StandardBarPainter()); // flat bars, no gradient or shadow
            r.setShadowVisible(false);
            r.setItemMargin(0.05);
            renderer = r;
        } else {
            renderer = new LineAndShapeRenderer(true, true);
        }
        NumberAxis y = new NumberAxis(series == 1 ? String.valueOf(dataset.getRowKey(0)) : null);
        y.setAutoRangeIncludesZero(true);
        CategoryPlot plot = new CategoryPlot(dataset, new CategoryAxis(x), y, renderer);
        return ChartStyle.apply(new JFreeChart(title, null, plot, series > 1));
    }

    private static Map<String, Object> vegaLite(boolean bars, String title, String x, boolean quantitativeX,
                                                String[] ys, List<Map<String, Object>> values) {
        Map<String, Object> spec = VegaLite.spec(title, SvgChart.WIDTH - 80, SvgChart.HEIGHT - 80);
        spec.put("data", VegaLite.map("values", values));
        spec.put("transform", VegaLite.list(VegaLite.map("fold", List.of(ys), "as", List.of("series", "value"))));
        spec.put("mark", VegaLite.map("type", bars ? "bar" : "line", "point", !bars, "tooltip", true));
        Map<String, Object> xEnc = VegaLite.field(x, quantitativeX ? "quantitative" : "ordinal", x);
        if (!quantitativeX) xEnc.put("sort", null); // keep the rows' order
        Map<String, Object> encoding = VegaLite.map("x", xEnc,
                "y", VegaLite.field("value", "quantitative", ys.length == 1 ? ys[0] : "value"),
                "color", VegaLite.field("series", "nominal", "column"));
        if (bars && ys.length > 1) encoding.put("xOffset", VegaLite.map("field", "series"));
        spec.put("encoding", encoding);
        return spec;
    }
}
