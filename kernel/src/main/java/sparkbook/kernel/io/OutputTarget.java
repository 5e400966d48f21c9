package sparkbook.kernel.io;

import com.google.gson.JsonObject;

/** Where output goes: the request it answers (its parent header), and whether it is to be published at all. */
public record OutputTarget(JsonObject parentHeader, boolean silent) {
    public static final OutputTarget NOWHERE = new OutputTarget(null, true);
}
