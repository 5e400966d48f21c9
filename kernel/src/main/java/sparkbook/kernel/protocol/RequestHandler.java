package sparkbook.kernel.protocol;

import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.Message;

/** Handles one message family; replies go back on the channel the request came from. */
@FunctionalInterface
public interface RequestHandler {
    void handle(Message request, Channel channel) throws Exception;
}
