package sparkbook.engine.kafka;

import sparkbook.engine.deps.DependencyResolver;
import sparkbook.engine.deps.MavenCoordinate;
import sparkbook.engine.deps.ResolvedArtifact;
import sparkbook.engine.deps.ShippedArtifacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The same broker from the command line, for a workshop's shared Kafka or a test's broker that no kernel started:
 * {@code java -cp 'sparkbook-kernel.jar:lib/*' sparkbook.engine.kafka.StandaloneBroker [folder]}. Prints
 * {@code READY <bootstrap servers>}, then {@code PRODUCE <command>} (tab-separated: a command that produces its
 * stdin's lines to the topic appended to it), and runs until its stdin ends (Ctrl-D, or the parent going away).
 */
public final class StandaloneBroker {
    private StandaloneBroker() {}

    public static void main(String[] args) throws Exception {
        Path folder = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("sparkbook-kafka-");
        List<Path> classPath;
        try (DependencyResolver maven = DependencyResolver.forUser()) {
            classPath = maven.resolve(KafkaBroker.SERVER_ARTIFACTS.stream().map(MavenCoordinate::parse).toList(),
                    ShippedArtifacts.none(), progress -> {}).jars().stream().map(ResolvedArtifact::file).toList();
        }
        try (KafkaBroker broker = KafkaBroker.start(classPath, folder)) {
            System.out.println("READY " + broker.bootstrapServers());
            List<String> produce = KafkaBroker.produceCommand(classPath, broker.bootstrapServers(), "TOPIC");
            System.out.println("PRODUCE " + String.join("\t", produce.subList(0, produce.size() - 1)));
            System.out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // Only the end of stdin matters.
            }
        } catch (IOException e) {
            System.err.println("StandaloneBroker: " + e.getMessage());
        }
    }
}
