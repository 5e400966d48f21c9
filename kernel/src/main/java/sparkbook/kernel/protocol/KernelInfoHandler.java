package sparkbook.kernel.protocol;

import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.Message;

/** kernel_info: answered at once, before JShell or Spark are warm. */
public final class KernelInfoHandler implements RequestHandler {
    public static final String VERSION = "0.1.0";
    private final Outbox outbox;

    public KernelInfoHandler(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void handle(Message request, Channel channel) {
        outbox.reply(request, channel, KernelInfo.REPLY, KernelInfo.Reply.of(VERSION));
    }
}
