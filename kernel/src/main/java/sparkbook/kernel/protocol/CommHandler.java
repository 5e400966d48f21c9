package sparkbook.kernel.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.Message;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * comm_info, comm_open, comm_msg, comm_close. A comm opened to a registered {@link CommTarget} stays open and gets
 * its messages; one opened to an unknown target is closed at once, as the protocol asks. comm_info lists the open
 * comms. While a cell runs, comm messages are still read ({@link sparkbook.kernel.channels.ShellInbox}).
 */
public final class CommHandler implements RequestHandler {
    private final Outbox outbox;
    private final Map<String, String> openComms = new ConcurrentHashMap<>(); // comm id -> target name
    private final Map<String, CommTarget> targets = new ConcurrentHashMap<>();

    public CommHandler(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Front ends may open comms to {@code target}. */
    public void register(String name, CommTarget target) {
        targets.put(name, target);
    }

    @Override
    public void handle(Message request, Channel channel) {
        String commId = request.contentString("comm_id", "");
        switch (request.type()) {
            case "comm_info_request" -> {
                String target = request.contentString("target_name", null);
                Map<String, Comm.Target> comms = new LinkedHashMap<>();
                openComms.forEach((id, t) -> {
                    if (target == null || target.equals(t)) comms.put(id, new Comm.Target(t));
                });
                outbox.reply(request, channel, Comm.INFO_REPLY, new Comm.InfoReply("ok", comms));
            }
            case "comm_open" -> {
                String name = request.contentString("target_name", "");
                CommTarget target = targets.get(name);
                if (target == null || commId.isEmpty()) {
                    outbox.publish(request.header(), Comm.CLOSE, new Comm.Close(commId, Map.of()));
                    return;
                }
                openComms.put(commId, name);
                target.opened(commId, data(request));
            }
            case "comm_msg" -> {
                String name = openComms.get(commId);
                CommTarget target = name == null ? null : targets.get(name);
                if (target != null) target.message(commId, data(request));
                // else: a comm we never opened, nothing to deliver it to
            }
            case "comm_close" -> openComms.remove(commId);
            default -> { }
        }
    }

    private static JsonObject data(Message request) {
        JsonElement d = request.content().get("data");
        return d != null && d.isJsonObject() ? d.getAsJsonObject() : new JsonObject();
    }
}
