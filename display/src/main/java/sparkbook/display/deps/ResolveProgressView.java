package sparkbook.display.deps;

import sparkbook.display.Html;
import sparkbook.display.MimeBundle;
import sparkbook.display.Styles;
import sparkbook.engine.deps.ResolveProgress;

import java.util.Locale;

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
                + bytes(p.bytesDownloaded()) + " downloaded";
        String now = p.downloading().isEmpty() ? "" : " (now " + p.downloading() + ")";
        String text = verb + " " + what + ": " + counts + now;
        String html = "<div style=\"font-family:ui-monospace,monospace;font-size:12px\">" + Html.escape(verb) + " <b>"
                + Html.escape(what) + "</b>: " + Html.escape(counts)
                + (now.isEmpty() ? "" : " <span style=\"" + Styles.NOTE + "\">" + Html.escape(now) + "</span>") + "</div>";
        return MimeBundle.text(text).with("text/html", html);
    }

    static String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024 * 1024) return String.format(Locale.ROOT, "%.0f KB", n / 1024.0);
        return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
    }
}
