package sparkbook.kernel.channels;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/** Echoes heartbeat pings straight back: a blocking receive, no polling interval. */
public final class Heartbeat implements Runnable {
    private final ZMQ.Socket socket;

    public Heartbeat(ZContext context, String address) {
        this.socket = context.createSocket(SocketType.REP);
        socket.setLinger(0);
        socket.bind(address);
    }

    public Thread start() {
        Thread t = new Thread(this, "sparkbook-heartbeat");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                byte[] ping = socket.recv(0);
                if (ping == null) break;
                socket.send(ping, 0);
            }
        } catch (ZMQException e) {
            // The context was closed at shutdown.
        }
    }
}
