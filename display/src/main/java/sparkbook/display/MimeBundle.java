package sparkbook.display;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One piece of content in several formats, keyed by MIME type, text/plain always among them: front ends show the
 * richest format they support (JupyterLab the Vega-Lite, classic Notebook the SVG or HTML, a console the text).
 * Immutable; values are strings, or nested maps and lists for JSON types such as Vega-Lite. {@code metadata} holds
 * what front ends read beside the data, per MIME type (an image's width): usually empty.
 *
 * <pre>{@code
 * MimeBundle bundle = MimeBundle.text("3 batches").with(Mime.HTML, "<b>3</b> batches");
 * }</pre>
 */
public record MimeBundle(Map<String, Object> data, Map<String, Object> metadata) {
    public MimeBundle {
        if (!(data.get(Mime.TEXT) instanceof String)) {
            throw new IllegalArgumentException("a bundle needs text/plain, for consoles and logs: " + data.keySet());
        }
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        metadata = metadata.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public MimeBundle(Map<String, Object> data) {
        this(data, Map.of());
    }

    public static MimeBundle text(String text) {
        return new MimeBundle(Map.of(Mime.TEXT, text));
    }

    /** This bundle with {@code content} added (or replaced) under {@code mime}; null content leaves it out. */
    public MimeBundle with(String mime, Object content) {
        if (content == null) return this;
        Map<String, Object> more = new LinkedHashMap<>(data);
        more.put(mime, content);
        return new MimeBundle(more, metadata);
    }

    /** The content for {@code mime}, or null. */
    public Object get(String mime) {
        return data.get(mime);
    }

    public String text() {
        return (String) data.get(Mime.TEXT);
    }

    @Override
    public String toString() {
        return text();
    }
}
