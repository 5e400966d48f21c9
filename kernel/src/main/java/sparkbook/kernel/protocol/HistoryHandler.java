package sparkbook.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.Message;
import sparkbook.kernel.channels.MessageFactory;

import java.util.List;

/** history_request: tail, range and search over this session's inputs. */
public final class HistoryHandler implements RequestHandler {
    private final MessageFactory messages;
    private final HistoryLog log;

    public HistoryHandler(MessageFactory messages, HistoryLog log) {
        this.messages = messages;
        this.log = log;
    }

    @Override
    public void handle(Message request, Channel channel) {
        boolean output = request.contentFlag("output", false);
        List<HistoryLog.Entry> entries = switch (request.contentString("hist_access_type", "tail")) {
            case "range" -> log.range(request.contentInt("session", 0), request.contentInt("start", 0), request.contentInt("stop", 0));
            case "search" -> log.search(request.contentString("pattern", "*"), request.contentInt("n", 0), request.contentFlag("unique", false));
            default -> log.tail(request.contentInt("n", 10));
        };
        JsonArray history = new JsonArray();
        for (HistoryLog.Entry e : entries) {
            JsonArray row = new JsonArray();
            row.add(e.session());
            row.add(e.line());
            if (output) {
                JsonArray io = new JsonArray();
                io.add(e.input());
                io.add(e.output());
                row.add(io);
            } else {
                row.add(e.input());
            }
            history.add(row);
        }
        JsonObject c = new JsonObject();
        c.addProperty("status", "ok");
        c.add("history", history);
        channel.send(messages.reply(request, "history_reply", c));
    }
}
