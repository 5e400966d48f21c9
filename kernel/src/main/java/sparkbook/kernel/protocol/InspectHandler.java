package sparkbook.kernel.protocol;

import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.Message;
import sparkbook.kernel.interpreter.Interpreter;

import java.util.function.Supplier;

/** inspect_request: signature and javadoc of what is under (or just before) the cursor. */
public final class InspectHandler implements RequestHandler {
    private final Outbox outbox;
    private final Supplier<Interpreter> interpreter;

    public InspectHandler(Outbox outbox, Supplier<Interpreter> interpreter) {
        this.outbox = outbox;
        this.interpreter = interpreter;
    }

    @Override
    public void handle(Message request, Channel channel) {
        String code = request.contentString("code", "");
        int cursor = CodePoints.toCharIndex(code, request.contentInt("cursor_pos", code.length()));
        Inspect.Reply reply = interpreter.get().inspect(code, cursor)
                .map(i -> Inspect.Reply.found(i.signature() + (i.javadoc().isBlank() ? "" : "\n\n" + i.javadoc())))
                .orElseGet(Inspect.Reply::nothing);
        outbox.reply(request, channel, Inspect.REPLY, reply);
    }
}
