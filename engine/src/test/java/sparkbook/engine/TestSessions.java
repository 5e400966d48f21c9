package sparkbook.engine;

import sparkbook.engine.api.SessionConfig;

import java.nio.file.Path;
import java.time.Duration;

/** Session settings shared by the tests: small local master, no UI, work under target/. */
public final class TestSessions {
    public static final Path WORK_DIR = Path.of("target", "test-work").toAbsolutePath();

    private TestSessions() {
    }

    public static SessionConfig local(int cores, Duration batch) {
        return SessionConfig.defaults()
                .withMaster("local[" + cores + "]")
                .withBatchInterval(batch)
                .withAppName("engine-test")
                .withConf("spark.ui.enabled", "false")
                .withWorkDir(WORK_DIR);
    }
}
