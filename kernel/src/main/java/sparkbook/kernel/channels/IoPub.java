package sparkbook.kernel.channels;

import com.google.gson.JsonObject;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.List;

/** The broadcast channel. Many threads publish (cell output, live displays), so sends are serialised here. */
public final class IoPub {
    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final MessageFactory messages;
    private volatile boolean closed;

    public IoPub(ZContext context, String address, WireCodec codec, MessageFactory messages) {
        this.socket = context.createSocket(SocketType.PUB);
        socket.setLinger(1000);
        socket.bind(address);
        this.codec = codec;
        this.messages = messages;
    }

    public void publish(JsonObject parentHeader, String msgType, JsonObject content) {
        send(messages.broadcast(parentHeader, msgType, content));
    }

    public synchronized void send(Message m) {
        if (closed) return;
        List<byte[]> frames = codec.encode(m);
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    public synchronized void close() {
        closed = true;
    }
}
