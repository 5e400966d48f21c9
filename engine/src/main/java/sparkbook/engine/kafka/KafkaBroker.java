package sparkbook.engine.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real single-node Apache Kafka broker (KRaft mode, broker and controller in one server) on 127.0.0.1, running in a
 * child JVM that this JVM owns, for notebooks and tests that need Kafka without Docker.
 *
 * <p>Why a child JVM: Kafka's server brings its own Scala, Jackson and log4j, which must not meet Spark's in the
 * kernel; and a child can be killed cleanly. The child stops when its stdin closes, so it dies with this JVM even after
 * a {@code kill -9}; {@link #close()} and a shutdown hook stop it too. This class loads no Kafka class: the caller
 * resolves {@link #SERVER_ARTIFACTS} to jars and passes them to {@link #start}.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start(kafkaJars, Path.of("/tmp/kafka"))) {
 *     kafka.createTopic("lines", 1);
 *     kafka.produce("lines", "hello", "world");
 *     spark.readStream().format("kafka").option("kafka.bootstrap.servers", kafka.bootstrapServers())...
 * }
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {
    /** The Apache Kafka release the broker runs: 4.x is KRaft-only and runs on Java 17. */
    public static final String KAFKA_VERSION = "4.1.2";

    /**
     * What to resolve (with transitive dependencies) for the class path given to {@link #start}: Kafka's server, and
     * the SLF4J binding its distribution ships (the Maven artifact has log4j-core but no binding, so without it the
     * broker's log would be silently dropped).
     */
    public static final List<String> SERVER_ARTIFACTS = List.of(
            "org.apache.kafka:kafka_2.13:" + KAFKA_VERSION,
            "org.apache.logging.log4j:log4j-slf4j-impl:2.25.3");

    /** Long enough for a cold start on a busy 2-core machine (about 5 s when idle). */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

    /** A command's reply covers the child's own timeouts (30 s to create a topic, 60 s to deliver a record). */
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ChildJvm child;
    private final String bootstrapServers;
    private final Path workDir;
    private final Optional<Path> createdDataDir;
    private final Thread shutdownHook;
    private String brokenBecause;
    private boolean closed;

    private KafkaBroker(ChildJvm child, String bootstrapServers, Path workDir, Optional<Path> createdDataDir,
                        Thread shutdownHook) {
        this.child = child;
        this.bootstrapServers = bootstrapServers;
        this.workDir = workDir;
        this.createdDataDir = createdDataDir;
        this.shutdownHook = shutdownHook;
    }

    /** {@link #start(List, Path, Duration)} with {@link #DEFAULT_START_TIMEOUT}. */
    public static KafkaBroker start(List<Path> kafkaClassPath, Path dataDir) {
        return start(kafkaClassPath, dataDir, DEFAULT_START_TIMEOUT);
    }

    /**
     * Starts a broker and returns once it answers on {@link #bootstrapServers()}.
     *
     * @param kafkaClassPath the jars of {@link #SERVER_ARTIFACTS} and their dependencies
     * @param dataDir        where the broker gets a fresh folder of its own (data, config, log), deleted by
     *                       {@link #close()}; created if absent (and then removed by close if left empty)
     * @param startTimeout   how long to wait for the broker to be ready
     * @throws IllegalStateException if the broker failed or did not get ready in time; the message quotes its log
     */
    public static KafkaBroker start(List<Path> kafkaClassPath, Path dataDir, Duration startTimeout) {
        Optional<Path> createdDataDir = Files.isDirectory(dataDir) ? Optional.empty() : Optional.of(dataDir);
        Path workDir;
        try {
            Files.createDirectories(dataDir);
            workDir = Files.createTempDirectory(dataDir, "kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make a folder for the Kafka broker in " + dataDir, e);
        }
        ChildJvm child = ChildJvm.start(ChildJvm.command(kafkaClassPath, List.of("broker", workDir.toString())),
                workDir.resolve("broker.log"));
        Thread hook = new Thread(() -> {
            child.kill();
            try {
                deleteTree(workDir);
            } catch (UncheckedIOException e) {
                // The JVM is going away; a leftover temporary folder is all this costs.
            }
        }, "sparkbook-kafka-stop-" + child.pid());
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String bootstrap = awaitReady(child, startTimeout);
            return new KafkaBroker(child, bootstrap, workDir, createdDataDir, hook);
        } catch (RuntimeException e) {
            child.kill();
            removeHook(hook);
            throw e;
        }
    }

    private static String awaitReady(ChildJvm child, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Optional<String> line = child.nextLine(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (line.isEmpty()) {
                    throw startFailure(child, "the broker process " + child.exitState() + " before it was ready");
                }
                String[] words = line.get().split(" ", 2);
                if (words[0].equals(Protocol.READY) && words.length == 2) {
                    return words[1];
                }
                if (words[0].equals(Protocol.FAILED)) {
                    throw startFailure(child, words.length == 2 ? words[1] : "no reason given");
                }
                // Anything else on stdout is not ours (a library printing): the log keeps it, the protocol skips it.
            }
        } catch (TimeoutException e) {
            throw startFailure(child, "not ready within " + seconds(timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw startFailure(child, "interrupted while waiting for it");
        }
    }

    private static IllegalStateException startFailure(ChildJvm child, String why) {
        return new IllegalStateException("The Kafka broker did not start: " + why + ". Its log is "
                + child.logFile() + "; its last lines:\n" + child.logTail());
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers} / {@code kafka.bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The broker's own log (Kafka's log4j output), for when something looks wrong. */
    public Path logFile() {
        return child.logFile();
    }

    /** Whether the broker can still be used: not closed, its process alive, and no command left it broken. */
    public synchronized boolean isRunning() {
        return !closed && brokenBecause == null && child.isAlive();
    }

    /** The child JVM's process id. */
    public long pid() {
        return child.pid();
    }

    /**
     * Creates a topic with replication factor 1.
     *
     * @return true if it was created, false if a topic of that name already existed (left as it is)
     */
    public synchronized boolean createTopic(String topic, int partitions) {
        Protocol.requireTopic(topic);
        if (partitions < 1) {
            throw new IllegalArgumentException("A topic needs at least 1 partition, not " + partitions);
        }
        String reply = call(List.of(Protocol.TOPIC + " " + topic + " " + partitions));
        return reply.equals(Protocol.CREATED);
    }

    /** Produces each line as one record (no key, UTF-8 value); returns once the broker acknowledged them all. */
    public void produce(String topic, String... lines) {
        produce(topic, List.of(lines));
    }

    /**
     * Produces each line as one record (no key, UTF-8 value) with {@code acks=all}; returns once the broker
     * acknowledged them all. A topic that does not exist yet is created with 1 partition (Kafka's auto-creation).
     */
    public synchronized void produce(String topic, List<String> lines) {
        Protocol.requireTopic(topic);
        List<String> request = new ArrayList<>(lines.size() + 1);
        request.add(Protocol.PRODUCE + " " + topic + " " + lines.size());
        for (String line : lines) {
            request.add(Protocol.requireLine(line));
        }
        call(request);
    }

    /** Sends one command and returns what follows "OK " in its reply. */
    private String call(List<String> request) {
        if (closed) {
            throw new IllegalStateException("This Kafka broker is closed");
        }
        if (brokenBecause != null) {
            throw new IllegalStateException("This Kafka broker is unusable: " + brokenBecause);
        }
        child.send(request);
        Optional<String> reply;
        try {
            reply = child.nextLine(COMMAND_TIMEOUT);
        } catch (TimeoutException e) {
            brokenBecause = "no reply to '" + request.get(0) + "' within " + seconds(COMMAND_TIMEOUT);
            throw new IllegalStateException(brokenBecause + ". Last log lines:\n" + child.logTail());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            brokenBecause = "interrupted while waiting for a reply to '" + request.get(0) + "'";
            throw new IllegalStateException(brokenBecause);
        }
        if (reply.isEmpty()) {
            brokenBecause = "the broker process " + child.exitState();
            throw new IllegalStateException(brokenBecause + ". Last log lines:\n" + child.logTail());
        }
        String[] words = reply.get().split(" ", 2);
        String rest = words.length == 2 ? words[1] : "";
        if (words[0].equals(Protocol.OK)) {
            return rest;
        }
        if (words[0].equals(Protocol.ERR)) {
            throw new IllegalStateException("Kafka: " + rest);
        }
        brokenBecause = "unexpected reply '" + reply.get() + "' to '" + request.get(0) + "'";
        throw new IllegalStateException(brokenBecause);
    }

    /**
     * Stops the broker (asks it, then kills it after a grace period) and deletes the folder it made in the data
     * folder. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        child.stop(STOP_GRACE);
        removeHook(shutdownHook);
        deleteTree(workDir);
        createdDataDir.ifPresent(KafkaBroker::deleteIfEmpty);
    }

    /**
     * The command that produces each line of its stdin to {@code topic} from a process of its own, as tests in other
     * languages need; it prints {@code OK <count>} when all are acknowledged and exits 0, or exits 1.
     */
    public static List<String> produceCommand(List<Path> kafkaClassPath, String bootstrapServers, String topic) {
        return ChildJvm.command(kafkaClassPath, List.of("produce", bootstrapServers, Protocol.requireTopic(topic)));
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs anyway.
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the Kafka broker's folder " + root, e);
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            // Someone else put something there: theirs to keep.
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + dir, e);
        }
    }
}
