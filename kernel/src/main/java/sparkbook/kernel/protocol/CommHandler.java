package sparkbook.kernel.protocol;

import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.Message;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * comm_info, comm_open, comm_msg, comm_close. No comm targets are registered yet: a comm opened to an unknown
 * target is closed at once, as the protocol asks, and comm_info lists the comms that are open.
 */
public final class CommHandler implements RequestHandler {
    private final Outbox outbox;
    private final Map<String, String> openComms = new ConcurrentHashMap<>(); // comm id -> target name

    public CommHandler(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void handle(Message request, Channel channel) {
        switch (request.type()) {
            case "comm_info_request" -> {
                String target = request.contentString("target_name", null);
                Map<String, Comm.Target> comms = new LinkedHashMap<>();
                openComms.forEach((id, t) -> {
                    if (target == null || target.equals(t)) comms.put(id, new Comm.Target(t));
                });
                outbox.reply(request, channel, Comm.INFO_REPLY, new Comm.InfoReply("ok", comms));
            }
            case "comm_open" -> outbox.publish(request.header(), Comm.CLOSE,
                    new Comm.Close(request.contentString("comm_id", ""), Map.of()));
            case "comm_close" -> openComms.remove(request.contentString("comm_id", ""));
            default -> { /* comm_msg to a comm we never opened: nothing to deliver it to */ }
        }
    }
}
