package sparkbook.kernel.protocol;

import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.Message;
import sparkbook.kernel.interpreter.Interpreter;
import sparkbook.kernel.magic.MagicLine;

import java.util.List;
import java.util.function.Supplier;

/** complete_request: JShell's suggestions, with cursor_start/end in code points; none on a magic line. */
public final class CompleteHandler implements RequestHandler {
    private final Outbox outbox;
    private final Supplier<Interpreter> interpreter;

    public CompleteHandler(Outbox outbox, Supplier<Interpreter> interpreter) {
        this.outbox = outbox;
        this.interpreter = interpreter;
    }

    @Override
    public void handle(Message request, Channel channel) {
        String code = request.contentString("code", "");
        int cursorCp = request.contentInt("cursor_pos", code.codePointCount(0, code.length()));
        outbox.reply(request, channel, Complete.REPLY, reply(code, CodePoints.toCharIndex(code, cursorCp)));
    }

    private Complete.Reply reply(String code, int cursor) {
        if (MagicLine.cursorOnMagic(code, cursor)) return Complete.Reply.at(code, List.of(), cursor, cursor);
        Interpreter.Completion c = interpreter.get().complete(code, cursor);
        return Complete.Reply.at(code, c.matches(), c.cursorStart(), c.cursorEnd());
    }
}
