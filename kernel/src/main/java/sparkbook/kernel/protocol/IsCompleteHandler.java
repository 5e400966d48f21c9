package sparkbook.kernel.protocol;

import com.google.gson.JsonObject;
import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.Message;
import sparkbook.kernel.channels.MessageFactory;
import sparkbook.kernel.interpreter.Interpreter;

import java.util.Locale;
import java.util.function.Supplier;

/** is_complete_request: console front ends ask before running a line. Magic lines are complete. */
public final class IsCompleteHandler implements RequestHandler {
    private final MessageFactory messages;
    private final Supplier<Interpreter> interpreter;

    public IsCompleteHandler(MessageFactory messages, Supplier<Interpreter> interpreter) {
        this.messages = messages;
        this.interpreter = interpreter;
    }

    @Override
    public void handle(Message request, Channel channel) {
        String code = request.contentString("code", "");
        JsonObject c = new JsonObject();
        String stripped = code.strip();
        if (stripped.startsWith("%%")) {
            // A cell magic runs when the user enters an empty line.
            c.addProperty("status", code.endsWith("\n\n") ? "complete" : "incomplete");
            c.addProperty("indent", "");
        } else if (stripped.startsWith("%") && !stripped.contains("\n")) {
            c.addProperty("status", "complete");
        } else {
            Interpreter.Completeness r = interpreter.get().isComplete(code);
            c.addProperty("status", r.status().name().toLowerCase(Locale.ROOT));
            if (r.status() == Interpreter.Completeness.Status.INCOMPLETE) c.addProperty("indent", r.indent());
        }
        channel.send(messages.reply(request, "is_complete_reply", c));
    }
}
