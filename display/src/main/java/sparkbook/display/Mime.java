package sparkbook.display;

/** MIME type names used in the bundles this module builds. */
public final class Mime {
    private Mime() {}

    public static final String TEXT = "text/plain";
    public static final String HTML = "text/html";
    public static final String SVG = "image/svg+xml";
    /** JupyterLab renders this natively; classic Notebook falls back to the SVG in the same bundle. */
    public static final String VEGA_LITE = "application/vnd.vegalite.v5+json";
}
