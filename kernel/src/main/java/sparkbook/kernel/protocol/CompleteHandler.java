package sparkbook.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.Message;
import sparkbook.kernel.channels.MessageFactory;
import sparkbook.kernel.interpreter.Interpreter;

import java.util.function.Supplier;

/** complete_request: JShell's suggestions, with cursor_start/end in code points. */
public final class CompleteHandler implements RequestHandler {
    private final MessageFactory messages;
    private final Supplier<Interpreter> interpreter;

    public CompleteHandler(MessageFactory messages, Supplier<Interpreter> interpreter) {
        this.messages = messages;
        this.interpreter = interpreter;
    }

    @Override
    public void handle(Message request, Channel channel) {
        String code = request.contentString("code", "");
        int cursorCp = request.contentInt("cursor_pos", code.codePointCount(0, code.length()));
        int cursor = CodePoints.toCharIndex(code, cursorCp);
        JsonObject c = new JsonObject();
        JsonArray matches = new JsonArray();
        int start = cursor, end = cursor;
        if (!isMagicLine(code, cursor)) {
            Interpreter.Completion completion = interpreter.get().complete(code, cursor);
            completion.matches().forEach(matches::add);
            start = completion.cursorStart();
            end = completion.cursorEnd();
        }
        c.add("matches", matches);
        c.addProperty("cursor_start", CodePoints.toCodePoints(code, start));
        c.addProperty("cursor_end", CodePoints.toCodePoints(code, end));
        c.add("metadata", new JsonObject());
        c.addProperty("status", "ok");
        channel.send(messages.reply(request, "complete_reply", c));
    }

    private static boolean isMagicLine(String code, int cursor) {
        int lineStart = code.lastIndexOf('\n', Math.max(0, cursor - 1)) + 1;
        return code.substring(lineStart, cursor).stripLeading().startsWith("%");
    }
}
