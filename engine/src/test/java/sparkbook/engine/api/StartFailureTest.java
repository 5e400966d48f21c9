package sparkbook.engine.api;

import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

import java.net.BindException;
import java.net.ServerSocket;

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
    void aTakenPortSaysWhichSettingsToLeaveUnset() {
        Exception e = new BindException("Address already in use: Service 'sparkDriver' failed after 0 retries");
        String text = StartFailure.explain(config, e);
        assertTrue(text.contains("Address already in use"), text);
        assertTrue(text.contains("spark.driver.port"), text);
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
