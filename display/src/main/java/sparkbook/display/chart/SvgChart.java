package sparkbook.display.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

import java.awt.Rectangle;
import java.util.UUID;

/** Draws a JFreeChart into an SVG document string with JFreeSVG. */
public final class SvgChart {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 280;

    private SvgChart() {}

    public static String render(JFreeChart chart) {
        return render(chart, WIDTH, HEIGHT);
    }

    public static String render(JFreeChart chart, int width, int height) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        // Several charts share one HTML page in a notebook; unique def ids keep their clip paths apart.
        g2.setDefsKeyPrefix("sb" + UUID.randomUUID().toString().substring(0, 8));
        chart.draw(g2, new Rectangle(0, 0, width, height));
        return g2.getSVGElement();
    }
}
