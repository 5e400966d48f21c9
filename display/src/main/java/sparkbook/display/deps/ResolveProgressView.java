package sparkbook.display.deps;

import sparkbook.display.Html;
import sparkbook.display.MimeBundle;
import sparkbook.display.Quantities;
import sparkbook.display.Styles;
import sparkbook.engine.deps.ResolveProgress;

/** One line saying what a resolution has fetched so far: files, bytes, and the file on its way. */
public final class ResolveProgressView {
    private ResolveProgressView() {}

    /** @param what the coordinates asked for, as the user wrote them */
    public static MimeBundle render(String what, ResolveProgress p) {
        String verb = switch (p.phase()) {
            case COLLECTING -> "Reading the dependencies of";
            case DOWNLOADING -> "Downloading";
            case DONE -> "Resolved";
            case FAILED -> "Could not resolve";
        };
        String counts = p.filesDownloaded() + (p.filesDownloaded() == 1 ? " file, " : " files, ")
                + Quantities.bytes(p.bytesDownloaded()) + " downloaded";
        String now = p.downloading().isEmpty() ? "" : " (now " + p.downloading() + ")";
        String text = verb + " " + what + ": " + counts + now;
        String html = "<div style=\"font-family:ui-monospace,monospace;font-size:12px\">" + Html.escape(verb) + " <b>"
                + Html.escape(what) + "</b>: " + Html.escape(counts)
                + (now.isEmpty() ? "" : " <span style=\"" + Styles.NOTE + "\">" + Html.escape(now) + "</span>") + "</div>";
        return MimeBundle.text(text).with("text/html", html);
    }
}
