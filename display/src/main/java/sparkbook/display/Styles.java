package sparkbook.display;

/**
 * Inline CSS shared by all tables. Colours follow JupyterLab's theme variables ({@code --jp-*}, light or dark), and
 * fall back to inherited or translucent ones where there are none (classic Notebook, nbconvert's HTML), so the same
 * markup is readable on light and dark themes.
 */
public final class Styles {
    private Styles() {}

    public static final String TABLE =
            "border-collapse:collapse;color:var(--jp-content-font-color1,inherit);background:transparent;font-size:12px;"
                    + "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;margin:4px 0";
    public static final String CELL =
            "border:1px solid var(--jp-border-color2,rgba(128,128,128,0.35));padding:2px 8px;text-align:left;"
                    + "vertical-align:top;color:inherit;background:transparent";
    public static final String HEADER_CELL = CELL + ";font-weight:600;background:var(--jp-layout-color2,rgba(128,128,128,0.12))";
    /** Numbers and measures line up on their last digit. */
    public static final String NUMBER = "text-align:right;font-variant-numeric:tabular-nums";
    public static final String CAPTION = "caption-side:top;text-align:left;font-weight:600;padding:2px 0;color:inherit";
    public static final String NOTE = "opacity:0.7;font-size:11px";
    /*
     * Good and bad as a tint and a bar in the margin, with the theme's own text colour: no single green or red text
     * reads on both white and JupyterLab Dark's #111 (WCAG's 4.5:1 cannot hold on both), a tint under
     * inherited text does (the browser test measures it).
     */
    public static final String OK = "font-weight:600;color:inherit;padding:0 4px;background:rgba(46,158,79,0.16);"
            + "box-shadow:inset 3px 0 0 #2e9e4f";
    public static final String BAD = "font-weight:600;color:inherit;padding:0 4px;background:rgba(217,83,79,0.16);"
            + "box-shadow:inset 3px 0 0 #d9534f";
    /** A translucent highlight that works on either background. */
    public static final String MARK = "background:rgba(255,170,0,0.28)";
    public static final String IN_WINDOW = "background:rgba(70,130,220,0.35)";
}
