package sparkbook.kernel.protocol;

import com.google.gson.JsonObject;
import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.Message;
import sparkbook.kernel.channels.MessageFactory;
import sparkbook.kernel.interpreter.Interpreter;

import java.util.Optional;
import java.util.function.Supplier;

/** inspect_request: signature and javadoc of what is under (or just before) the cursor. */
public final class InspectHandler implements RequestHandler {
    private final MessageFactory messages;
    private final Supplier<Interpreter> interpreter;

    public InspectHandler(MessageFactory messages, Supplier<Interpreter> interpreter) {
        this.messages = messages;
        this.interpreter = interpreter;
    }

    @Override
    public void handle(Message request, Channel channel) {
        String code = request.contentString("code", "");
        int cursor = CodePoints.toCharIndex(code, request.contentInt("cursor_pos", code.length()));
        Optional<Interpreter.Inspection> found = interpreter.get().inspect(code, cursor);
        JsonObject c = new JsonObject();
        c.addProperty("status", "ok");
        c.addProperty("found", found.isPresent());
        JsonObject data = new JsonObject();
        found.ifPresent(i -> {
            String text = i.signature() + (i.javadoc().isBlank() ? "" : "\n\n" + i.javadoc());
            data.addProperty("text/plain", text);
        });
        c.add("data", data);
        c.add("metadata", new JsonObject());
        channel.send(messages.reply(request, "inspect_reply", c));
    }
}
