package sparkbook.engine.api;

import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A failed start says its cause and what to change. */
class StartFailureTest {
    private final SessionConfig config = SessionConfig.defaults();

    @Test
    void aMalformedMasterNamesTheMastersThatWork() {
        String text = StartFailure.explain(config.withMaster("nonsense"),
                new SparkException("Could not parse Master URL: 'nonsense'"));
        assertTrue(text.startsWith("Spark did not start with master=nonsense: "), text);
        assertTrue(text.contains("Could not parse Master URL: 'nonsense'"), text);
        assertTrue(text.contains("local[*], local[N] or spark://host:port"), text);
    }

    @Test
    void whenEveryPortTheSparkUiMayTakeIsTakenTheStartFailsBeforeSparkWouldExit() throws Exception {
        try (ServerSocket held = new ServerSocket(0)) {
            int port = held.getLocalPort();
            org.apache.spark.SparkConf conf = new org.apache.spark.SparkConf()
                    .set("spark.ui.port", String.valueOf(port)).set("spark.port.maxRetries", "0");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> StartFailure.probeUiPort(conf));
            String text = StartFailure.explain(config, e);
            assertTrue(text.contains("Failed to bind SparkUI: every port it may use is taken (spark.ui.port=" + port), text);
            assertTrue(text.contains("spark.ui.port=0 takes any free port"), text);
            StartFailure.probeUiPort(conf.set("spark.ui.enabled", "false")); // no UI, nothing to bind
            StartFailure.probeUiPort(conf.set("spark.ui.enabled", "true").set("spark.ui.port", "0"));
        }
    }

    @Test
    void aTakenPortSaysWhichSettingsToLeaveUnset() {
        Exception e = new BindException("Address already in use: Service 'sparkDriver' failed after 0 retries");
        String text = StartFailure.explain(config, e);
        assertTrue(text.contains("Address already in use"), text);
        assertTrue(text.contains("spark.driver.port"), text);
    }

    @Test
    void whenSparkExitsDuringItsStartTheErrorItLoggedIsTheCauseNotTheExit(@TempDir Path dir) throws Exception {
        SessionConfig inDir = config.withWorkDir(dir);
        Files.writeString(inDir.logFile(), String.join("\n",
                "21:33:02.100 INFO  [sparkbook-spark-start] Utils: Successfully started service 'sparkDriver' on port 40365.",
                "21:33:02.544 ERROR [sparkbook-spark-start] SparkUI: Failed to bind SparkUI",
                "java.net.BindException: Failed to bind to /0.0.0.0:4056: Service 'SparkUI' failed after 16 retries "
                        + "(starting from 4040)! Consider explicitly setting the appropriate port",
                "\tat org.sparkproject.jetty.server.Server.doStart(Server.java:428)",
                "21:33:02.590 ERROR [sparkbook-spark-start] SparkContext: Error initializing SparkContext.",
                "java.lang.SecurityException: System.exit(1) was called in a cell.",
                "21:33:02.601 ERROR [sparkbook-spark-start] Utils: Uncaught exception in thread sparkbook-spark-start",
                ""));
        String text = StartFailure.explain(inDir, new SecurityException("System.exit(1) was called in a cell."));
        assertTrue(text.startsWith("Spark did not start with master=local[*]: Spark called System.exit during its start, "
                + "after: SparkUI: Failed to bind SparkUI — java.net.BindException: Failed to bind to /0.0.0.0:4056"), text);
        assertFalse(text.contains("in a cell"), text);
        assertTrue(text.contains("spark.ui.port=0"), text);
    }

    @Test
    void aMasterThatNobodyServesFailsAtOnceInsteadOfAfterSparksMinuteOfRetries() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StartFailure.probeMaster("spark://127.0.0.1:" + port));
        assertTrue(e.getMessage().startsWith("No Spark master answers at 127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("local[*]"), e.getMessage());
    }

    @Test
    void aListeningMasterPassesTheProbe() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            StartFailure.probeMaster("spark://127.0.0.1:" + s.getLocalPort());
        }
    }
}
