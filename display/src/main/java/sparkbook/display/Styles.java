package sparkbook.display;

/**
 * Inline CSS shared by all tables. Colours are inherited or translucent so the same markup is
 * readable on light and dark notebook themes.
 */
public final class Styles {
    private Styles() {}

    public static final String TABLE =
            "border-collapse:collapse;color:inherit;background:transparent;font-size:12px;"
                    + "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;margin:4px 0";
    public static final String CELL =
            "border:1px solid rgba(128,128,128,0.35);padding:2px 8px;text-align:left;vertical-align:top;"
                    + "color:inherit;background:transparent";
    public static final String HEADER_CELL = CELL + ";font-weight:600;background:rgba(128,128,128,0.12)";
    public static final String CAPTION = "caption-side:top;text-align:left;font-weight:600;padding:2px 0;color:inherit";
    public static final String NOTE = "opacity:0.7;font-size:11px";
    public static final String OK = "color:#2e9e4f;font-weight:600";
    public static final String BAD = "color:#d9534f;font-weight:600";
    /** A translucent highlight that works on either background. */
    public static final String MARK = "background:rgba(255,170,0,0.28)";
    public static final String IN_WINDOW = "background:rgba(70,130,220,0.35)";
}
