package sparkbook.kernel.channels;

import com.google.gson.JsonObject;

import java.util.List;

/** One Jupyter message as it travels: routing identities, the four JSON parts, and binary buffers. */
public record Message(List<byte[]> identities, JsonObject header, JsonObject parentHeader,
                      JsonObject metadata, JsonObject content, List<byte[]> buffers) {

    public String type() {
        return header.has("msg_type") ? header.get("msg_type").getAsString() : "";
    }

    public String id() {
        return header.has("msg_id") ? header.get("msg_id").getAsString() : "";
    }

    public String contentString(String key, String fallback) {
        return content.has(key) && content.get(key).isJsonPrimitive() ? content.get(key).getAsString() : fallback;
    }

    public boolean contentFlag(String key, boolean fallback) {
        return content.has(key) && content.get(key).isJsonPrimitive() ? content.get(key).getAsBoolean() : fallback;
    }

    public int contentInt(String key, int fallback) {
        return content.has(key) && content.get(key).isJsonPrimitive() ? content.get(key).getAsInt() : fallback;
    }
}
