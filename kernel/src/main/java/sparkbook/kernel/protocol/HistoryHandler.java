package sparkbook.kernel.protocol;

import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.Message;

import java.util.List;

/** history_request: tail, range and search over this session's inputs. */
public final class HistoryHandler implements RequestHandler {
    private final Outbox outbox;
    private final HistoryLog log;

    public HistoryHandler(Outbox outbox, HistoryLog log) {
        this.outbox = outbox;
        this.log = log;
    }

    @Override
    public void handle(Message request, Channel channel) {
        List<HistoryLog.Entry> entries = switch (request.contentString("hist_access_type", "tail")) {
            case "range" -> log.range(request.contentInt("session", 0), request.contentInt("start", 0), request.contentInt("stop", 0));
            case "search" -> log.search(request.contentString("pattern", "*"), request.contentInt("n", 0), request.contentFlag("unique", false));
            default -> log.tail(request.contentInt("n", 10));
        };
        outbox.reply(request, channel, History.REPLY, History.Reply.of(entries, request.contentFlag("output", false)));
    }
}
