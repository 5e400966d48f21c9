package sparkbook.engine.kafka;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The child JVM's main; needs Kafka's server class path (see {@link KafkaBroker#SERVER_ARTIFACTS}). Two modes:
 *
 * <ul>
 *   <li>{@code broker <workDir>}: formats KRaft storage in {@code workDir/data}, runs the broker, prints
 *       {@code READY 127.0.0.1:<port>} and serves {@link Protocol} commands from stdin until stdin ends, then stops
 *       the broker and exits. Stdin ending is how it notices that {@link KafkaBroker}'s JVM is gone, whatever killed
 *       it.</li>
 *   <li>{@code produce <bootstrap> <topic>}: produces each stdin line as a record, prints {@code OK <count>} once
 *       all are acknowledged and exits 0; exits 1 on failure. For tests that produce from a process of their own.</li>
 * </ul>
 *
 * <p>Stdout is the protocol channel and nothing else: System.out is pointed at stderr before Kafka loads, and Kafka's
 * log4j writes to stderr too (which {@link KafkaBroker} sends to {@code broker.log}).
 */
public final class BrokerProcess {
    /** Read by log4j when Kafka first logs; the file sits next to this class in the engine jar. */
    private static final String LOG_CONFIG = "classpath:sparkbook/engine/kafka/child-log4j2.properties";
    /** How long a controlled shutdown may take before the JVM is halted anyway. */
    private static final long SHUTDOWN_GRACE_SECONDS = 20;
    private static final int PRODUCE_CHUNK = 10_000;

    private final PrintStream protocol;
    private final BlockingQueue<String> stdin = new LinkedBlockingQueue<>();
    /** Set once Kafka's startup returned; read by the stdin thread to tell a clean stop from an abandoned start. */
    private volatile KraftServer server;
    private Admin admin;
    private LineProducer producer;
    private String bootstrapServers;

    private BrokerProcess(PrintStream protocol) {
        this.protocol = protocol;
    }

    public static void main(String[] args) {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
        if (args.length == 2 && args[0].equals("broker")) {
            new BrokerProcess(protocol).runBroker(Path.of(args[1]));
        } else if (args.length == 3 && args[0].equals("produce")) {
            System.exit(produceStdin(args[1], Protocol.requireTopic(args[2]), protocol));
        } else {
            System.err.println("usage: BrokerProcess broker <workDir>\n"
                    + "       BrokerProcess produce <bootstrap-servers> <topic>   (lines on stdin)");
            System.exit(2);
        }
    }

    private void runBroker(Path workDir) {
        Thread reader = new Thread(this::readStdin, "sparkbook-kafka-stdin");
        reader.setDaemon(true);
        reader.start();
        try {
            startBroker(workDir);
        } catch (Throwable e) {
            e.printStackTrace();
            protocol.println(Protocol.FAILED + " " + Protocol.oneLine(describe(e)));
            Runtime.getRuntime().halt(1);
        }
        protocol.println(Protocol.READY + " " + bootstrapServers);
        while (true) {
            String command = take();
            protocol.println(serve(command));
        }
    }

    private void startBroker(Path workDir) throws Exception {
        long start = System.nanoTime();
        ServerSettings settings = ServerSettings.withFreeControllerPort(workDir.resolve("data"));
        Properties config = settings.toProperties();
        Path configFile = workDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
            config.store(out, "sparkbook.engine.kafka: single-node KRaft broker");
        }
        KraftServer.format(configFile, Uuid.randomUuid().toString(), System.err);
        server = KraftServer.start(config);
        bootstrapServers = ServerSettings.HOST + ":" + server.boundBrokerPort(ServerSettings.BROKER_LISTENER);
        Properties adminConfig = new Properties();
        adminConfig.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        adminConfig.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "sparkbook-broker-admin");
        admin = Admin.create(adminConfig);
        // A round trip through the broker listener: READY means a client can reach the broker, not just that it bound.
        for (Node node : admin.describeCluster().nodes().get(60, TimeUnit.SECONDS)) {
            System.err.printf("sparkbook: broker %d ready at %s:%d after %d ms%n", node.id(), node.host(), node.port(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    /** The one reader of stdin: commands and payload lines go to the queue; its end stops the broker. */
    private void readStdin() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                stdin.add(line);
            }
        } catch (IOException e) {
            // A broken pipe means the same as its end.
        }
        stopAndExit();
    }

    /**
     * Stops the broker cleanly if it is up, within a grace period, and halts the JVM either way (Kafka leaves
     * non-daemon threads behind, and nobody is left to read an exit code's reason).
     */
    private void stopAndExit() {
        System.err.println("sparkbook: stdin closed, stopping the broker");
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(SHUTDOWN_GRACE_SECONDS));
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("sparkbook: the broker did not stop within " + SHUTDOWN_GRACE_SECONDS + " s, halting");
            Runtime.getRuntime().halt(3);
        }, "sparkbook-kafka-shutdown-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        KraftServer running = server;
        if (running != null) {
            try {
                running.shutdown();
                System.err.println("sparkbook: broker stopped");
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        }
        Runtime.getRuntime().halt(0);
    }

    private String take() {
        try {
            return stdin.take();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one command and returns its reply line. */
    private String serve(String command) {
        String[] words = command.split(" ");
        try {
            if (words.length == 3 && words[0].equals(Protocol.TOPIC)) {
                return Protocol.OK + " " + createTopic(words[1], Integer.parseInt(words[2]));
            }
            if (words.length == 3 && words[0].equals(Protocol.PRODUCE)) {
                return Protocol.OK + " " + produce(words[1], Integer.parseInt(words[2]));
            }
            return Protocol.ERR + " unknown command: " + Protocol.oneLine(command);
        } catch (Exception e) {
            e.printStackTrace();
            return Protocol.ERR + " " + Protocol.oneLine(describe(e));
        }
    }

    private String createTopic(String topic, int partitions) throws Exception {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            return Protocol.CREATED;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return Protocol.EXISTS;
            }
            throw e;
        }
    }

    /** Takes the command's {@code count} payload lines off stdin even when sending fails, so the framing holds. */
    private int produce(String topic, int count) {
        if (producer == null) {
            producer = new LineProducer(bootstrapServers);
        }
        for (int i = 0; i < count; i++) {
            producer.send(topic, take());
        }
        return producer.awaitAll();
    }

    private static int produceStdin(String bootstrapServers, String topic, PrintStream protocol) {
        int total = 0;
        try (LineProducer producer = new LineProducer(bootstrapServers);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            int inChunk = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                producer.send(topic, line);
                if (++inChunk == PRODUCE_CHUNK) {
                    total += producer.awaitAll();
                    inChunk = 0;
                }
            }
            total += producer.awaitAll();
            protocol.println(Protocol.OK + " " + total);
            return 0;
        } catch (IOException | RuntimeException e) {
            e.printStackTrace();
            System.err.println("produce to " + topic + " at " + bootstrapServers + " failed after " + total
                    + " acknowledged records: " + describe(e));
            return 1;
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
