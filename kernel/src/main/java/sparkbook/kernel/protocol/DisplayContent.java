package sparkbook.kernel.protocol;

import com.google.gson.JsonObject;
import sparkbook.display.MimeBundle;
import sparkbook.kernel.channels.WireCodec;

/** The data / metadata (/ transient) parts of display_data, update_display_data and execute_result, from a bundle. */
public final class DisplayContent {
    private DisplayContent() {}

    /** display_data and update_display_data: the display id goes in the transient part. */
    public static JsonObject of(MimeBundle bundle, String displayId) {
        JsonObject c = dataAndMetadata(bundle);
        JsonObject transientPart = new JsonObject();
        transientPart.addProperty("display_id", displayId);
        c.add("transient", transientPart);
        return c;
    }

    /** For execute_result and user_expressions: no transient part. */
    public static JsonObject dataAndMetadata(MimeBundle bundle) {
        JsonObject c = new JsonObject();
        c.add("data", WireCodec.GSON.toJsonTree(bundle.data()));
        c.add("metadata", WireCodec.GSON.toJsonTree(bundle.metadata()));
        return c;
    }
}
