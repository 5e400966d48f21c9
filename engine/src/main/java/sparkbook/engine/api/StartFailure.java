package sparkbook.engine.api;

import org.apache.spark.SparkConf;
import org.apache.spark.streaming.SparkbookStreamingAccess;
import sparkbook.engine.errors.SparkAdvice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why Spark did not start, in one line a notebook user can act on: the cause Spark gave and what to change.
 *
 * <pre>{@code
 * try { StreamingSession.open(config); }
 * catch (RuntimeException e) { System.err.println(StartFailure.explain(config, e)); }
 * // Spark did not start with master=nonsense: Could not parse Master URL: 'nonsense'. Use local[*], local[N] or spark://host:port.
 * }</pre>
 */
public final class StartFailure {
    private static final int PROBE_TIMEOUT_MS = 3000;

    private StartFailure() {}

    /** The cause of a failed start and the fix. */
    public static String explain(SessionConfig config, Throwable error) {
        String cause = SparkAdvice.firstLine(causeWithMessage(error));
        if (cause.contains("System.exit(")) {
            // Spark gave up during its start by calling System.exit, which the kernel refuses: the reason is what
            // Spark logged just before, not the exit.
            cause = "Spark called System.exit during its start" + SparkLogTail.lastError(config.logFile())
                    .map(e -> ", after: " + e).orElse(" (its log says why)");
        }
        String fix = fix(config, cause, error);
        String sentence = cause.matches("(?s).*[.!?]$") ? cause : cause + ".";
        return "Spark did not start with master=" + config.master() + ": " + sentence + (fix.isEmpty() ? "" : " " + fix);
    }

    private static Throwable causeWithMessage(Throwable error) {
        Throwable t = error;
        while ((t.getMessage() == null || t.getMessage().isBlank() || isWrapper(t)) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean isWrapper(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException;
    }

    private static String fix(SessionConfig config, String cause, Throwable error) {
        String c = cause.toLowerCase(Locale.ROOT);
        if (c.contains("master url")) return "Use local[*], local[N] or spark://host:port, e.g. %spark master=local[*].";
        if (c.contains("no spark master answers")) return "";
        if (c.contains("failed to bind sparkui") || c.contains("service 'sparkui' failed")) {
            return "Every port the Spark UI tried is taken (other kernels' UIs?): %spark spark.ui.port=0 takes any free "
                    + "port (%spark shows which), spark.ui.enabled=false runs without the UI.";
        }
        if (c.contains("bind") || c.contains("address already in use") || has(error, java.net.BindException.class)) {
            return "A port Spark needs is taken: leave spark.driver.port, spark.blockManager.port and spark.ui.port unset "
                    + "(Spark then picks free ones) or choose other ports.";
        }
        if (has(error, NumberFormatException.class) || c.contains("must be") || c.contains("invalid")) {
            return "A setting has a value Spark cannot use: check the spark.* values given to %spark (or SPARKBOOK_CONF): "
                    + config.conf() + ".";
        }
        return "Check the settings with %spark; see the log " + config.logFile() + ".";
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return true;
        }
        return false;
    }

    /**
     * Fails at once when no master of a {@code spark://} URL accepts a connection: Spark itself would retry for a
     * minute before giving up. A master that accepts but does not answer is left to Spark's own timeout.
     */
    static void probeMaster(String master) {
        if (!master.startsWith("spark://")) return;
        List<String> refused = new ArrayList<>();
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                return; // Spark reports a malformed URL itself
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MS);
                return;
            } catch (IOException e) {
                refused.add(hostPort + " (" + e.getMessage() + ")");
            }
        }
        throw new IllegalStateException("No Spark master answers at " + String.join(", ", refused)
                + ". Start the master (sbin/start-master.sh) and a worker, or use %spark master=local[*].");
    }

    /**
     * Fails at once when every port the Spark UI would try is taken: Spark itself calls System.exit then, which on
     * JDK 24+ (no security manager) would end the kernel. The UI binds all addresses; ports are tried as Spark tries
     * them, from {@code spark.ui.port} up, {@code spark.port.maxRetries} more. A port taken between this check and
     * Spark's own bind is left to Spark.
     */
    static void probeUiPort(SparkConf conf) {
        if (!conf.getBoolean("spark.ui.enabled", true) || SparkbookStreamingAccess.activeContext().isPresent()) return;
        int first = conf.getInt("spark.ui.port", 4040);
        if (first == 0) return; // any free port
        int retries = conf.getInt("spark.port.maxRetries", 16);
        for (int i = 0; i <= retries; i++) {
            int port = (first + i - 1024) % (65536 - 1024) + 1024; // Spark's own wrap-around above 1024
            try (java.net.ServerSocket s = new java.net.ServerSocket()) {
                s.setReuseAddress(true); // as Jetty binds
                s.bind(new InetSocketAddress(port));
                return;
            } catch (IOException taken) {
                // the next one
            }
        }
        throw new IllegalStateException("Failed to bind SparkUI: every port it may use is taken (spark.ui.port=" + first
                + " and " + retries + " more, spark.port.maxRetries=" + retries + ")");
    }
}
