package sparkbook.display;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.util.Map;

/** Assembles MIME bundles; every bundle this module makes has text/plain. */
public final class Bundles {
    private Bundles() {}

    public static DisplayData text(String text) {
        return new DisplayData(text);
    }

    public static DisplayData html(String text, String html) {
        DisplayData data = new DisplayData(text);
        data.putHTML(html);
        return data;
    }

    /**
     * A chart alone: Vega-Lite and SVG with a text line, and no HTML, so each front end picks its best chart
     * (JupyterLab ranks text/html above Vega-Lite and would otherwise never show the Vega-Lite).
     */
    public static DisplayData chartOnly(String text, String svg, Map<String, Object> vegaLite) {
        DisplayData data = new DisplayData(text);
        data.putSVG(svg);
        data.putData(Mime.VEGA_LITE, vegaLite);
        return data;
    }

    /**
     * A chart bundle: Vega-Lite for JupyterLab, SVG for classic Notebook and static exports,
     * HTML (the SVG inline plus tables) and text for consoles.
     */
    public static DisplayData chart(String text, String html, String svg, Map<String, Object> vegaLite) {
        DisplayData data = html(text, html);
        if (svg != null) data.putSVG(svg);
        if (vegaLite != null) data.putData(Mime.VEGA_LITE, vegaLite);
        return data;
    }
}
