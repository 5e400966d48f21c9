package sparkbook.engine.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A local TCP server feeding {@code ssc.socketTextStream("127.0.0.1", server.port())}.
 * Lines sent before a receiver connects are kept and delivered when it does.
 *
 * <pre>{@code
 * try (LineServer server = LineServer.start()) {
 *     ssc.socketTextStream("127.0.0.1", server.port()).print();
 *     ssc.start();
 *     server.send("hello", "world");
 * }
 * }</pre>
 */
public final class LineServer implements AutoCloseable {
    private final ServerSocket serverSocket;
    private final List<Writer> clients = new ArrayList<>();
    private final List<String> pending = new ArrayList<>();
    private final CountDownLatch firstClient = new CountDownLatch(1);
    private final Thread acceptor;

    private LineServer(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
        this.acceptor = new Thread(this::acceptLoop, "sparkbook-line-server-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on 127.0.0.1 on a free port. */
    public static LineServer start() {
        try {
            return new LineServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open a local port for LineServer", e);
        }
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Sends lines to every connected receiver, or keeps them until one connects. */
    public synchronized void send(String... lines) {
        if (clients.isEmpty()) {
            pending.addAll(List.of(lines));
            return;
        }
        for (Writer client : List.copyOf(clients)) {
            try {
                for (String line : lines) {
                    client.write(line);
                    client.write('\n');
                }
                client.flush();
            } catch (IOException e) {
                clients.remove(client); // the receiver went away (restart or stop); it reconnects if it can
            }
        }
    }

    /** Waits until a receiver has connected; false on timeout. */
    public boolean awaitConnection(Duration timeout) throws InterruptedException {
        return firstClient.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                Writer writer = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
                synchronized (this) {
                    clients.add(writer);
                    if (!pending.isEmpty()) {
                        String[] backlog = pending.toArray(String[]::new);
                        pending.clear();
                        send(backlog);
                    }
                }
                firstClient.countDown();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            serverSocket.close();
            for (Writer client : clients) {
                client.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        clients.clear();
    }
}
