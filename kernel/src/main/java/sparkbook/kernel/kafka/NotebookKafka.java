package sparkbook.kernel.kafka;

import sparkbook.engine.deps.MavenCoordinate;
import sparkbook.engine.deps.ResolutionException;
import sparkbook.engine.deps.ResolvedArtifact;
import sparkbook.engine.kafka.KafkaBroker;
import sparkbook.kernel.deps.MavenDependencies;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The Kafka broker a notebook starts with {@code startKafka()}: one per kernel, so re-running the cell hands back
 * the running broker; stopped with the kernel (and its JVM exits by itself if the kernel dies).
 */
public final class NotebookKafka {
    private final MavenDependencies maven;
    private final Path workDir;
    private KafkaBroker broker;

    public NotebookKafka(MavenDependencies maven, Path workDir) {
        this.maven = maven;
        this.workDir = workDir;
    }

    /** The running broker, or a new one: its class path resolved (cached after the first time), then started. */
    public synchronized KafkaBroker start() {
        if (broker != null && broker.isRunning()) {
            System.out.println("Kafka is already running on " + broker.bootstrapServers() + " (one broker per kernel).");
            return broker;
        }
        List<Path> classPath;
        try {
            classPath = maven.forOtherJvm(KafkaBroker.SERVER_ARTIFACTS.stream().map(MavenCoordinate::parse).toList())
                    .jars().stream().map(ResolvedArtifact::file).toList();
        } catch (ResolutionException e) {
            throw new IllegalStateException("Kafka's server could not be downloaded: " + e.getMessage(), e);
        }
        long t0 = System.nanoTime();
        broker = KafkaBroker.start(classPath, workDir.resolve("kafka"));
        System.out.printf(Locale.ROOT, "Kafka %s broker on %s (started in %.1f s; its log: %s)%n", KafkaBroker.KAFKA_VERSION,
                broker.bootstrapServers(), (System.nanoTime() - t0) / 1e9, broker.logFile());
        return broker;
    }

    public synchronized void stop() {
        if (broker != null) broker.close();
        broker = null;
    }
}
