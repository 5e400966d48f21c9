package sparkbook.engine.kafka;

import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;

/**
 * Kafka's own server, in this (child) JVM: formats the KRaft storage with Kafka's StorageTool and runs
 * {@code kafka.server.KafkaRaftServer}, the class {@code kafka.Kafka} (bin/kafka-server-start.sh) runs for
 * {@code process.roles=broker,controller}. Reached by reflection so the engine compiles against kafka-clients only;
 * the server classes come from the class path the child was started with.
 */
final class KraftServer {
    private final Object server;

    private KraftServer(Object server) {
        this.server = server;
    }

    /**
     * {@code kafka-storage.sh format --config <file> --cluster-id <id>}, without the script's System.exit.
     * With {@code controller.quorum.voters} set (a static quorum) no {@code --standalone} is needed.
     */
    static void format(Path configFile, String clusterId, PrintStream out) {
        String[] args = {"format", "--config", configFile.toString(), "--cluster-id", clusterId};
        Object code = invokeStatic("kafka.tools.StorageTool", "execute", new Class<?>[]{String[].class,
                PrintStream.class}, args, out);
        if (!Integer.valueOf(0).equals(code)) {
            throw new IllegalStateException("kafka-storage format returned " + code);
        }
    }

    /** Starts the server; returns once its broker is registered with the controller and unfenced. */
    static KraftServer start(Properties config) {
        try {
            Class<?> configClass = Class.forName("kafka.server.KafkaConfig");
            Object kafkaConfig = configClass.getMethod("fromProps", Properties.class).invoke(null, config);
            Object server = Class.forName("kafka.server.KafkaRaftServer")
                    .getConstructor(configClass, Time.class)
                    .newInstance(kafkaConfig, Time.SYSTEM);
            server.getClass().getMethod("startup").invoke(server);
            return new KraftServer(server);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This Kafka has no KafkaRaftServer as expected: " + e, e);
        }
    }

    /**
     * The port the broker's listener bound (it was configured as port 0). KafkaRaftServer keeps its BrokerServer in a
     * private field (a Scala {@code Option}); BrokerServer itself answers {@code boundPort}, as Kafka's tests use it.
     */
    int boundBrokerPort(String listener) {
        try {
            Field field = server.getClass().getDeclaredField("broker");
            field.setAccessible(true);
            Object option = field.get(server);
            Object broker = option.getClass().getMethod("get").invoke(option);
            Object port = broker.getClass().getMethod("boundPort", ListenerName.class)
                    .invoke(broker, ListenerName.normalised(listener));
            return (Integer) port;
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read the broker's port from this Kafka: " + e, e);
        }
    }

    /** Controlled shutdown: the broker leaves, the controller stops, logs are closed cleanly. */
    void shutdown() {
        try {
            server.getClass().getMethod("shutdown").invoke(server);
            server.getClass().getMethod("awaitShutdown").invoke(server);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object invokeStatic(String className, String method, Class<?>[] types, Object... args) {
        try {
            return Class.forName(className).getMethod(method, types).invoke(null, args);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This Kafka has no " + className + "." + method + " as expected: " + e, e);
        }
    }

    private static RuntimeException rethrow(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
