package sparkbook.kernel.channels;

import com.google.gson.JsonObject;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/** Builds headers for the kernel's own messages: its own session id, ISO 8601 dates with microseconds. */
public final class MessageFactory {
    public static final String PROTOCOL_VERSION = "5.3";
    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final String session = UUID.randomUUID().toString();

    public String session() {
        return session;
    }

    public JsonObject header(String msgType) {
        JsonObject h = new JsonObject();
        h.addProperty("msg_id", UUID.randomUUID().toString());
        h.addProperty("session", session);
        h.addProperty("username", "kernel");
        h.addProperty("date", ISO_MICROS.format(Instant.now()));
        h.addProperty("msg_type", msgType);
        h.addProperty("version", PROTOCOL_VERSION);
        return h;
    }

    /** A reply to {@code request}, routed back to the same peer. */
    public Message reply(Message request, String msgType, JsonObject content) {
        return new Message(request.identities(), header(msgType), request.header(), new JsonObject(), content, List.of());
    }

    /** A broadcast on iopub; the topic frame is the message type, as ipykernel does. */
    public Message broadcast(JsonObject parentHeader, String msgType, JsonObject content) {
        return new Message(List.of(("kernel." + session + "." + msgType).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                header(msgType), parentHeader == null ? new JsonObject() : parentHeader, new JsonObject(), content, List.of());
    }
}
