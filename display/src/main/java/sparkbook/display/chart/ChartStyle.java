package sparkbook.display.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;

/**
 * Makes JFreeChart output readable on light and dark notebook themes: no background fill, mid-grey
 * text and translucent grid lines, and saturated series colours that work on either.
 */
public final class ChartStyle {
    private ChartStyle() {}

    public static final Color TEXT = new Color(0x80, 0x80, 0x80);
    public static final Color GRID = new Color(128, 128, 128, 70);
    /** Colour-blind-friendly series palette (Okabe-Ito subset). */
    public static final Color[] SERIES = {
            new Color(0x00, 0x72, 0xB2), new Color(0xE6, 0x9F, 0x00), new Color(0x00, 0x9E, 0x73),
            new Color(0xCC, 0x79, 0xA7), new Color(0x56, 0xB4, 0xE9), new Color(0xD5, 0x5E, 0x00)};
    public static final Color ALERT = new Color(0xD5, 0x5E, 0x00);

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    public static JFreeChart apply(JFreeChart chart) {
        chart.setBackgroundPaint(null);
        chart.setBorderVisible(false);
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setPaint(TEXT);
            title.setFont(TITLE_FONT);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setBackgroundPaint(null);
            legend.setItemPaint(TEXT);
            legend.setItemFont(LABEL_FONT);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        if (chart.getPlot() instanceof CombinedDomainXYPlot combined) {
            styleXY(combined);
            for (XYPlot sub : combined.getSubplots()) styleXY(sub);
        } else if (chart.getPlot() instanceof XYPlot xy) {
            styleXY(xy);
        } else if (chart.getPlot() instanceof CategoryPlot category) {
            styleCategory(category);
        }
        return chart;
    }

    public static Paint series(int index) {
        return SERIES[index % SERIES.length];
    }

    private static void styleXY(XYPlot plot) {
        plot.setBackgroundPaint(null);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(0.5f));
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
        for (int i = 0; i < plot.getDomainAxisCount(); i++) styleAxis(plot.getDomainAxis(i));
        for (int i = 0; i < plot.getRangeAxisCount(); i++) styleAxis(plot.getRangeAxis(i));
        for (int r = 0; r < plot.getRendererCount(); r++) {
            XYItemRenderer renderer = plot.getRenderer(r);
            if (renderer == null) continue;
            int n = plot.getDataset(r) == null ? 0 : plot.getDataset(r).getSeriesCount();
            for (int s = 0; s < n; s++) {
                renderer.setSeriesPaint(s, series(s + r * 3));
                renderer.setSeriesStroke(s, new BasicStroke(1.6f));
            }
        }
    }

    private static void styleCategory(CategoryPlot plot) {
        plot.setBackgroundPaint(null);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
        styleAxis(plot.getRangeAxis());
        CategoryAxis x = plot.getDomainAxis();
        x.setLabelPaint(TEXT);
        x.setLabelFont(LABEL_FONT);
        x.setTickLabelPaint(TEXT);
        x.setTickLabelFont(TICK_FONT);
        x.setAxisLinePaint(GRID);
        CategoryItemRenderer renderer = plot.getRenderer();
        int n = plot.getDataset() == null ? 0 : plot.getDataset().getRowCount();
        for (int s = 0; s < n; s++) {
            renderer.setSeriesPaint(s, series(s));
            renderer.setSeriesStroke(s, new BasicStroke(1.6f));
        }
    }

    private static void styleAxis(ValueAxis axis) {
        if (axis == null) return;
        axis.setLabelPaint(TEXT);
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelPaint(TEXT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setAxisLinePaint(GRID);
        axis.setTickMarkPaint(GRID);
    }
}
