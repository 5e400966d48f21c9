package sparkbook.kernel.channels;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.List;

/** One Jupyter message as it travels: routing identities, the four JSON parts, and binary buffers. */
public record Message(List<byte[]> identities, JsonObject header, JsonObject parentHeader,
                      JsonObject metadata, JsonObject content, List<byte[]> buffers) {

    /** The header's msg_type, or "" when it is missing or not a string: a peer's wrong type never throws here. */
    public String type() {
        return string(header, "msg_type").orElse("");
    }

    public String id() {
        return string(header, "msg_id").orElse("");
    }

    /** A string field of the content; the fallback when it is missing or of another JSON type. */
    public String contentString(String key, String fallback) {
        return string(content, key).orElse(fallback);
    }

    /** A boolean field of the content; the fallback when it is missing or not a JSON boolean. */
    public boolean contentFlag(String key, boolean fallback) {
        JsonElement e = content.get(key);
        return e instanceof JsonPrimitive p && p.isBoolean() ? p.getAsBoolean() : fallback;
    }

    /** An integer field of the content; the fallback when it is missing, not a number or out of int range. */
    public int contentInt(String key, int fallback) {
        JsonElement e = content.get(key);
        if (!(e instanceof JsonPrimitive p) || !p.isNumber()) return fallback;
        double d = p.getAsDouble();
        return d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE ? (int) d : fallback;
    }

    private static java.util.Optional<String> string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e instanceof JsonPrimitive p && p.isString() ? java.util.Optional.of(p.getAsString()) : java.util.Optional.empty();
    }
}
