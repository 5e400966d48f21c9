package sparkbook.display.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small helpers for Vega-Lite v5 specs as plain nested {@code Map}/{@code List} values, so any JSON
 * serializer (the kernel's gson) writes them as JSON objects rather than strings.
 */
public final class VegaLite {
    public static final String SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

    private VegaLite() {}

    /** A top-level spec with schema, title, size and theme-neutral config. */
    public static Map<String, Object> spec(String title, int width, int height) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("$schema", SCHEMA);
        spec.put("title", title);
        spec.put("width", width);
        spec.put("height", height);
        // "transparent" lets JupyterLab's theme show through, like the SVG fallback.
        spec.put("background", "transparent");
        spec.put("config", map("axis", map("labelColor", "#808080", "titleColor", "#808080",
                        "gridColor", "#80808040", "domainColor", "#80808080"),
                "legend", map("labelColor", "#808080", "titleColor", "#808080"),
                "title", map("color", "#808080"),
                "view", map("stroke", null)));
        return spec;
    }

    /** Builds an insertion-ordered map from alternating keys and values. */
    public static Map<String, Object> map(Object... keyValues) {
        if (keyValues.length % 2 != 0) throw new IllegalArgumentException("odd number of key/values");
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return m;
    }

    public static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    public static Map<String, Object> field(String name, String type, String title) {
        return map("field", name, "type", type, "title", title);
    }

    public static Map<String, Object> values(List<? extends Map<String, ?>> rows) {
        return map("values", new ArrayList<>(rows));
    }
}
