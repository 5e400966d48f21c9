package sparkbook.display.live;

import com.google.gson.Gson;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/** Measures bundles as the kernel will serialize them (gson JSON) and trims oversized ones. */
final class BundleSize {
    private final Gson gson = new Gson();

    int bytes(DisplayData data) {
        return gson.toJson(data).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /**
     * Keeps the text parts of a bundle that is over budget: a smaller, still truthful update is
     * better than a delayed or dropped one.
     */
    DisplayData trim(DisplayData data, int maxBytes) {
        DisplayData slim = new DisplayData();
        Object text = data.getData(MIMEType.TEXT_PLAIN);
        slim.putText(text == null ? "(update too large to display)" : String.valueOf(text));
        Object html = data.getData(MIMEType.TEXT_HTML);
        if (html != null) {
            slim.putHTML(html + "<div style=\"opacity:0.7;font-size:11px\">charts omitted: update larger than "
                    + maxBytes + " bytes</div>");
            if (bytes(slim) > maxBytes) {
                slim = new DisplayData();
                slim.putText(text == null ? "(update too large to display)" : String.valueOf(text));
            }
        }
        return slim;
    }
}
