package sparkbook.engine.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import sparkbook.engine.deps.DependencyResolver;
import sparkbook.engine.deps.MavenCoordinate;
import sparkbook.engine.deps.ResolvedArtifact;
import sparkbook.engine.deps.ShippedArtifacts;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real broker in a child JVM, its class path resolved from Maven Central (cached in the local repository) as the
 * kernel resolves it.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KafkaBrokerTest {
    private static List<Path> classPath;

    private static synchronized List<Path> kafkaClassPath() throws Exception {
        if (classPath == null) {
            try (DependencyResolver maven = DependencyResolver.forUser()) {
                List<MavenCoordinate> server = KafkaBroker.SERVER_ARTIFACTS.stream().map(MavenCoordinate::parse).toList();
                classPath = maven.resolve(server, ShippedArtifacts.none(), progress -> {}).jars().stream()
                        .map(ResolvedArtifact::file).toList();
            }
        }
        return classPath;
    }

    @Test
    void theClientsCompiledAgainstAreTheBrokersVersion() {
        assertEquals(KafkaBroker.KAFKA_VERSION, AppInfoParser.getVersion(),
                "engine/pom.xml's kafka-clients and KafkaBroker.KAFKA_VERSION drifted apart");
        assertEquals(BrokerProcess.class.getName(), ChildJvm.MAIN_CLASS);
    }

    @Test
    void thePublicApiLoadsNoKafkaClass() throws Exception {
        URL engineClasses = KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader withoutKafka = new URLClassLoader(new URL[]{engineClasses},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> broker = Class.forName(KafkaBroker.class.getName(), true, withoutKafka);
            Method produceCommand = broker.getMethod("produceCommand", List.class, String.class, String.class);
            Object command = produceCommand.invoke(null, List.of(Path.of("kafka.jar")), "127.0.0.1:9092", "t");
            assertTrue(command.toString().contains(ChildJvm.MAIN_CLASS + ", produce, 127.0.0.1:9092, t"), command.toString());
            assertTrue(broker.getField("SERVER_ARTIFACTS").get(null).toString().contains("kafka_2.13"));
        }
    }

    @Test
    void aFailedStartSaysWhyAndKeepsTheLog(@TempDir Path dir) throws Exception {
        // kafka-clients alone: BrokerProcess runs, but Kafka's server classes are missing.
        Path clientsJar = Path.of(Admin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> KafkaBroker.start(List.of(clientsJar), dir));
        assertTrue(failure.getMessage().contains("did not start: IllegalStateException: This Kafka has no "
                + "kafka.tools.StorageTool.execute"), failure.getMessage());
        assertTrue(failure.getMessage().contains("ClassNotFoundException: kafka.tools.StorageTool"),
                "the message quotes the child's log: " + failure.getMessage());
        try (Stream<Path> logs = Files.find(dir, 2, (path, attributes) -> path.endsWith("broker.log"))) {
            Path log = logs.findFirst().orElseThrow();
            assertTrue(failure.getMessage().contains("Its log is " + log), failure.getMessage());
        }
    }

    @Test
    void linesProducedByTheApiAndByAnotherProcessAreConsumedBack(@TempDir Path dir) throws Exception {
        List<Path> classPath = kafkaClassPath();
        long started = System.nanoTime();
        KafkaBroker broker = KafkaBroker.start(classPath, dir);
        System.out.printf("Kafka %s broker ready at %s in %.1f s%n", KafkaBroker.KAFKA_VERSION,
                broker.bootstrapServers(), (System.nanoTime() - started) / 1e9);
        long pid = broker.pid();
        try (broker) {
            String bootstrap = broker.bootstrapServers();
            assertTrue(bootstrap.matches("127\\.0\\.0\\.1:\\d+"), bootstrap);
            assertTrue(Files.isRegularFile(broker.logFile()));

            assertTrue(broker.createTopic("lines", 1));
            assertFalse(broker.createTopic("lines", 1), "a second create reports the topic exists");
            assertTrue(broker.createTopic("wide", 3));
            assertEquals(3, partitionCount(bootstrap, "wide"));

            broker.produce("lines", "first", "zweite Zeile: ü ✓", "");
            broker.produce("lines", List.of("  fourth, with spaces  "));
            assertThrows(IllegalArgumentException.class, () -> broker.produce("lines", "two\nlines"));
            assertThrows(IllegalArgumentException.class, () -> broker.createTopic("no spaces", 1));

            List<String> fromOtherProcess = List.of("from another process", "ünïcödé too");
            assertEquals("OK 2", produceFromOwnProcess(classPath, bootstrap, "lines", fromOtherProcess, dir));

            List<String> expected = new ArrayList<>(List.of("first", "zweite Zeile: ü ✓", "", "  fourth, with spaces  "));
            expected.addAll(fromOtherProcess);
            assertEquals(expected, consume(bootstrap, "lines", expected.size()));
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the broker's JVM is gone");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "close deletes the folder the broker made");
        }
        broker.close();
        assertThrows(IllegalStateException.class, () -> broker.produce("lines", "after close"));
    }

    @Test
    void theChildExitsWhenItsStdinCloses(@TempDir Path dir) throws Exception {
        List<String> command = ChildJvm.command(kafkaClassPath(), List.of("broker", dir.toString()));
        Process child = new ProcessBuilder(command).redirectError(dir.resolve("broker.log").toFile()).start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(2, TimeUnit.MINUTES);
            assertTrue(first.startsWith(Protocol.READY + " 127.0.0.1:"), first);

            child.getOutputStream().close(); // what the parent's death does to the pipe

            Process exited = child.onExit().get(60, TimeUnit.SECONDS);
            assertEquals(0, exited.exitValue());
            assertTrue(Files.readString(dir.resolve("broker.log")).contains("sparkbook: broker stopped"));
        } finally {
            child.destroyForcibly();
        }
    }

    private static String produceFromOwnProcess(List<Path> classPath, String bootstrap, String topic,
                                                List<String> lines, Path dir) throws Exception {
        Process producer = new ProcessBuilder(KafkaBroker.produceCommand(classPath, bootstrap, topic))
                .redirectError(dir.resolve("produce.log").toFile())
                .start();
        try {
            try (Writer in = new OutputStreamWriter(producer.getOutputStream(), StandardCharsets.UTF_8)) {
                for (String line : lines) {
                    in.write(line + "\n");
                }
            }
            String out = new String(producer.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(producer.waitFor(60, TimeUnit.SECONDS), "the produce command exits");
            assertEquals(0, producer.exitValue(), Files.readString(dir.resolve("produce.log")));
            Files.delete(dir.resolve("produce.log"));
            return out;
        } finally {
            producer.destroyForcibly();
        }
    }

    private static int partitionCount(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
        }
    }

    /** Reads partition 0 from the start until {@code count} values came or 30 s passed. */
    private static List<String> consume(String bootstrap, String topic, int count) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static String readLine(BufferedReader reader) {
        try {
            String line = reader.readLine();
            return line == null ? "(end of stdout)" : line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
