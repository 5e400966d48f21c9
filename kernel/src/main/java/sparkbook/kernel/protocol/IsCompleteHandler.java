package sparkbook.kernel.protocol;

import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.Message;
import sparkbook.kernel.interpreter.Interpreter;
import sparkbook.kernel.magic.MagicLine;

import java.util.Locale;
import java.util.function.Supplier;

/** is_complete_request: console front ends ask before running a line. Magic lines are complete. */
public final class IsCompleteHandler implements RequestHandler {
    private final Outbox outbox;
    private final Supplier<Interpreter> interpreter;

    public IsCompleteHandler(Outbox outbox, Supplier<Interpreter> interpreter) {
        this.outbox = outbox;
        this.interpreter = interpreter;
    }

    @Override
    public void handle(Message request, Channel channel) {
        outbox.reply(request, channel, IsComplete.REPLY, reply(request.contentString("code", "")));
    }

    private IsComplete.Reply reply(String code) {
        // A cell magic runs when the user enters an empty line.
        if (MagicLine.isCellMagic(code)) return new IsComplete.Indented(code.endsWith("\n\n") ? "complete" : "incomplete", "");
        if (MagicLine.startsMagic(code) && !code.strip().contains("\n")) return new IsComplete.Verdict("complete");
        Interpreter.Completeness r = interpreter.get().isComplete(code);
        String status = r.status().name().toLowerCase(Locale.ROOT);
        return r.status() == Interpreter.Completeness.Status.INCOMPLETE
                ? new IsComplete.Indented(status, r.indent()) : new IsComplete.Verdict(status);
    }
}
