package sparkbook.kernel.protocol;

import com.google.gson.JsonObject;
import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.IoPub;
import sparkbook.kernel.channels.Message;
import sparkbook.kernel.channels.MessageFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * comm_info, comm_open, comm_msg, comm_close. No comm targets are registered yet: a comm opened to an unknown
 * target is closed at once, as the protocol asks, and comm_info lists the comms that are open.
 */
public final class CommHandler implements RequestHandler {
    private final MessageFactory messages;
    private final IoPub iopub;
    private final Map<String, String> openComms = new ConcurrentHashMap<>(); // comm id -> target name

    public CommHandler(MessageFactory messages, IoPub iopub) {
        this.messages = messages;
        this.iopub = iopub;
    }

    @Override
    public void handle(Message request, Channel channel) {
        switch (request.type()) {
            case "comm_info_request" -> {
                String target = request.contentString("target_name", null);
                JsonObject comms = new JsonObject();
                openComms.forEach((id, t) -> {
                    if (target == null || target.equals(t)) {
                        JsonObject info = new JsonObject();
                        info.addProperty("target_name", t);
                        comms.add(id, info);
                    }
                });
                JsonObject c = new JsonObject();
                c.addProperty("status", "ok");
                c.add("comms", comms);
                channel.send(messages.reply(request, "comm_info_reply", c));
            }
            case "comm_open" -> {
                JsonObject close = new JsonObject();
                close.addProperty("comm_id", request.contentString("comm_id", ""));
                close.add("data", new JsonObject());
                iopub.publish(request.header(), "comm_close", close);
            }
            case "comm_close" -> openComms.remove(request.contentString("comm_id", ""));
            default -> { /* comm_msg to a comm we never opened: nothing to deliver it to */ }
        }
    }
}
