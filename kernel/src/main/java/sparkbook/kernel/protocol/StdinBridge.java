package sparkbook.kernel.protocol;

import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.Message;

import java.io.IOException;
import java.io.InterruptedIOException;

/** input_request / input_reply on the stdin channel, for the running execute request. */
public final class StdinBridge {
    private final Channel stdin;
    private final Outbox outbox;
    private final CurrentRequest current;

    public StdinBridge(Channel stdin, Outbox outbox, CurrentRequest current) {
        this.stdin = stdin;
        this.outbox = outbox;
        this.current = current;
    }

    public synchronized String readLine(String prompt, boolean password) throws IOException {
        Message req = current.request();
        if (req == null || !req.contentFlag("allow_stdin", false)) {
            throw new IOException("This front end does not accept input (allow_stdin is false): pass values in code instead.");
        }
        // Addressed like a reply to the execute request: same peer, the request as parent.
        outbox.reply(req, stdin, Input.REQUEST, new Input.Request(prompt, password));
        while (true) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("interrupted while waiting for input");
            Message reply = stdin.receive(100);
            if (reply != null && "input_reply".equals(reply.type())) return reply.contentString("value", "");
        }
    }
}
