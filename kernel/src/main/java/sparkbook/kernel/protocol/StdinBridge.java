package sparkbook.kernel.protocol;

import com.google.gson.JsonObject;
import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.Message;
import sparkbook.kernel.channels.MessageFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;

/** input_request / input_reply on the stdin channel, for the running execute request. */
public final class StdinBridge {
    private final Channel stdin;
    private final MessageFactory messages;
    private final CurrentRequest current;

    public StdinBridge(Channel stdin, MessageFactory messages, CurrentRequest current) {
        this.stdin = stdin;
        this.messages = messages;
        this.current = current;
    }

    public synchronized String readLine(String prompt, boolean password) throws IOException {
        Message req = current.request();
        if (req == null || !req.contentFlag("allow_stdin", false)) {
            throw new IOException("This front end does not accept input (allow_stdin is false): pass values in code instead.");
        }
        JsonObject c = new JsonObject();
        c.addProperty("prompt", prompt);
        c.addProperty("password", password);
        stdin.send(new Message(req.identities(), messages.header("input_request"), req.header(), new JsonObject(), c, List.of()));
        while (true) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("interrupted while waiting for input");
            Message reply = stdin.receive(100);
            if (reply != null && "input_reply".equals(reply.type())) return reply.contentString("value", "");
        }
    }
}
