package sparkbook.display;

import java.util.Map;

/** Assembles the bundles this module makes; every one has text/plain. */
public final class Bundles {
    private Bundles() {}

    public static MimeBundle text(String text) {
        return MimeBundle.text(text);
    }

    public static MimeBundle html(String text, String html) {
        return MimeBundle.text(text).with(Mime.HTML, html);
    }

    /**
     * A chart alone: Vega-Lite and SVG with a text line, and no HTML, so each front end picks its best chart
     * (JupyterLab ranks text/html above Vega-Lite and would otherwise never show the Vega-Lite).
     */
    public static MimeBundle chartOnly(String text, String svg, Map<String, Object> vegaLite) {
        return MimeBundle.text(text).with(Mime.SVG, svg).with(Mime.VEGA_LITE, vegaLite);
    }

    /**
     * A chart bundle: Vega-Lite for JupyterLab, SVG for classic Notebook and static exports,
     * HTML (the SVG inline plus tables) and text for consoles.
     */
    public static MimeBundle chart(String text, String html, String svg, Map<String, Object> vegaLite) {
        return html(text, html).with(Mime.SVG, svg).with(Mime.VEGA_LITE, vegaLite);
    }

    /**
     * The bundle with a problem line above it (a batch that failed), in every text format it has: the view keeps
     * its last good state and says what went wrong since.
     */
    public static MimeBundle withProblem(MimeBundle bundle, String problem) {
        MimeBundle marked = MimeBundle.text("⚠ " + problem + "\n" + bundle.text());
        for (var e : bundle.data().entrySet()) {
            if (e.getKey().equals(Mime.HTML)) {
                marked = marked.with(Mime.HTML, "<div style=\"" + Styles.BAD + "\">⚠ " + Html.escape(problem) + "</div>" + e.getValue());
            } else if (!e.getKey().equals(Mime.TEXT)) {
                marked = marked.with(e.getKey(), e.getValue());
            }
        }
        return marked;
    }
}
