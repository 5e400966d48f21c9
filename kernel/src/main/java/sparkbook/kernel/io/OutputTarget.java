package sparkbook.kernel.io;

import com.google.gson.JsonObject;

/**
 * Where output goes: the request it answers (its parent header), whether it is to be published at all, and the
 * notebook cell that sent it when the front end says so ({@code cellId} in the request's metadata, sent by
 * JupyterLab and Notebook 7; null otherwise).
 */
public record OutputTarget(JsonObject parentHeader, boolean silent, String cellId) {
    public static final OutputTarget NOWHERE = new OutputTarget(null, true, null);

    /** The id of the request, or null for output that answers none. */
    public String requestId() {
        return parentHeader == null || !parentHeader.has("msg_id") ? null : parentHeader.get("msg_id").getAsString();
    }
}
