package sparkbook.display.live;

import com.google.gson.Gson;
import sparkbook.display.Mime;
import sparkbook.display.MimeBundle;

import java.nio.charset.StandardCharsets;

/** Measures bundles as the kernel will serialize them (JSON) and trims oversized ones. */
final class BundleSize {
    private final Gson gson = new Gson();

    int bytes(MimeBundle data) {
        return gson.toJson(data.data()).getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Keeps the text parts of a bundle that is over budget: a smaller, still truthful update is
     * better than a delayed or dropped one.
     */
    MimeBundle trim(MimeBundle data, int maxBytes) {
        MimeBundle textOnly = MimeBundle.text(data.text());
        Object html = data.get(Mime.HTML);
        if (html == null) return textOnly;
        MimeBundle slim = textOnly.with(Mime.HTML, html + "<div style=\"opacity:0.7;font-size:11px\">charts omitted: "
                + "update larger than " + maxBytes + " bytes</div>");
        return bytes(slim) > maxBytes ? textOnly : slim;
    }
}
