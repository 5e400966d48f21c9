package sparkbook.kernel.protocol;

import com.google.gson.JsonObject;
import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.IoPub;
import sparkbook.kernel.channels.Message;
import sparkbook.kernel.channels.MessageFactory;

/** Sends typed contents: replies to the peer that asked, broadcasts on iopub. */
public final class Outbox {
    private final MessageFactory messages;
    private final IoPub iopub;

    public Outbox(MessageFactory messages, IoPub iopub) {
        this.messages = messages;
        this.iopub = iopub;
    }

    /** Answers {@code request} on {@code channel}; on stdin this is how the kernel asks the front end for input. */
    public <C> void reply(Message request, Channel channel, MessageType<C> type, C content) {
        channel.send(messages.reply(request, type.name(), Contents.toJson(content)));
    }

    /** Broadcasts on iopub, as the child of {@code parentHeader} (null: of no request). */
    public <C> void publish(JsonObject parentHeader, MessageType<C> type, C content) {
        iopub.publish(parentHeader, type.name(), Contents.toJson(content));
    }
}
