package sparkbook.kernel.protocol;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/**
 * The one place a typed content record becomes a message's JSON content. A component is written under its name in
 * snake_case ({@code executionCount} as {@code execution_count}), in declaration order; nulls are written as null,
 * as the wire codec does: a key the protocol leaves out is a component the record does not have.
 */
public final class Contents {
    private static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .serializeNulls()
            .disableHtmlEscaping()
            .create();

    private Contents() {}

    public static JsonObject toJson(Object content) {
        return GSON.toJsonTree(content).getAsJsonObject();
    }
}
