package sparkbook.kernel.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import sparkbook.kernel.channels.WireCodec;

/** The data / metadata / transient parts of a display message, from a library DisplayData. */
public final class DisplayContent {
    private DisplayContent() {}

    public static JsonObject of(DisplayData d) {
        JsonObject tree = WireCodec.GSON.toJsonTree(d).getAsJsonObject();
        JsonObject c = new JsonObject();
        c.add("data", orEmpty(tree.get("data")));
        c.add("metadata", orEmpty(tree.get("metadata")));
        JsonElement t = tree.get("transientData");
        if (t != null && t.isJsonObject()) c.add("transient", t);
        return c;
    }

    /** For execute_result and user_expressions: no transient part. */
    public static JsonObject dataAndMetadata(DisplayData d) {
        JsonObject c = of(d);
        c.remove("transient");
        return c;
    }

    private static JsonObject orEmpty(JsonElement e) {
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }
}
