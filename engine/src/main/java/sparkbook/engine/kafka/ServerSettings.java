package sparkbook.engine.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The configuration of the single KRaft node: node 1, broker and controller in one process, both listeners on
 * 127.0.0.1, and every internal topic with replication factor 1 (the defaults of 3 cannot be met by one broker).
 *
 * <p>The broker listener uses port 0 and Kafka reports the port it bound. The controller's port cannot be 0: it is
 * written into {@code controller.quorum.voters}, which the broker side reads to reach the controller before anything
 * is bound. So it is picked by binding port 0 and releasing it just before the server starts.
 *
 * @param logDir         Kafka's data (metadata log and topic partitions)
 * @param controllerPort the controller listener's port
 */
record ServerSettings(Path logDir, int controllerPort) {
    static final String HOST = "127.0.0.1";
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final int NODE_ID = 1;

    static ServerSettings withFreeControllerPort(Path logDir) {
        return new ServerSettings(logDir, freePort());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on " + HOST, e);
        }
    }

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", String.valueOf(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.setProperty("listeners", BROKER_LISTENER + "://" + HOST + ":0," + CONTROLLER_LISTENER + "://" + HOST + ":"
                + controllerPort);
        p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        p.setProperty("inter.broker.listener.name", BROKER_LISTENER);
        p.setProperty("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        // One partition instead of 50: the first consumer group then waits for 1 partition to load, not 50.
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.num.partitions", "1");
        // A consumer group starts at once instead of waiting 3 s for more members.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Two cores: Kafka's defaults (3 network, 8 I/O threads) only add contention here.
        p.setProperty("num.network.threads", "1");
        p.setProperty("num.io.threads", "2");
        return p;
    }
}
