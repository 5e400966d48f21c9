package sparkbook.kernel.protocol;

/**
 * A Jupyter msg_type together with the record its content is, so a reply cannot be sent with another message's
 * content: {@code outbox.reply(request, channel, Complete.REPLY, Complete.Reply.at(code, matches, start, end))}.
 */
public record MessageType<C>(String name) {}
