package sparkbook.kernel.channels;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * A ROUTER socket (shell, control or stdin) that yields verified messages and sends replies.
 * A message with a bad signature is dropped and logged; the channel keeps serving.
 */
public final class Channel {
    private static final Logger LOG = Logger.getLogger(Channel.class.getName());
    private final String name;
    private final ZMQ.Socket socket;
    private final WireCodec codec;

    public Channel(String name, ZContext context, String address, WireCodec codec) {
        this.name = name;
        this.socket = context.createSocket(SocketType.ROUTER);
        socket.setLinger(1000);
        socket.bind(address);
        this.codec = codec;
    }

    /** Blocks until a valid message arrives; null when the socket was closed. */
    public Message receive() {
        while (true) {
            List<byte[]> frames = receiveFrames(0);
            if (frames == null) return null;
            Message m = decodeOrDrop(frames);
            if (m != null) return m;
        }
    }

    /** A message already waiting, or null; never blocks. */
    public Message poll() {
        while (true) {
            List<byte[]> frames = receiveFrames(ZMQ.DONTWAIT);
            if (frames == null) return null;
            Message m = decodeOrDrop(frames);
            if (m != null) return m;
        }
    }

    /** Waits up to timeoutMs for a valid message; null on timeout. Used by stdin while a cell waits for input. */
    public Message receive(int timeoutMs) {
        socket.setReceiveTimeOut(timeoutMs);
        try {
            return receive();
        } finally {
            socket.setReceiveTimeOut(-1);
        }
    }

    private Message decodeOrDrop(List<byte[]> frames) {
        WireCodec.Decoded d = codec.decode(frames);
        if (d instanceof WireCodec.Accepted a) return a.message();
        LOG.warning(() -> name + ": dropped a message (" + ((WireCodec.Refused) d).reason() + ")");
        return null;
    }

    private List<byte[]> receiveFrames(int flags) {
        try {
            byte[] first = socket.recv(flags);
            if (first == null) return null;
            List<byte[]> frames = new ArrayList<>(8);
            frames.add(first);
            while (socket.hasReceiveMore()) frames.add(socket.recv(0));
            return frames;
        } catch (RuntimeException e) {
            return null; // context terminated
        }
    }

    public synchronized void send(Message m) {
        List<byte[]> frames = codec.encode(m);
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    public String name() {
        return name;
    }
}
