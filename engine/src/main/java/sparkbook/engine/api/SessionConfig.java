package sparkbook.engine.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to start a {@link StreamingSession}. Immutable; the {@code with...} methods
 * return changed copies.
 *
 * @param master         Spark master, e.g. {@code local[*]} or {@code local[3]}
 * @param batchInterval  streaming batch interval
 * @param appName        Spark application name
 * @param conf           extra Spark settings ({@code spark.*})
 * @param classOutputDir where the kernel writes snippet classes, passed as {@code spark.repl.class.outputDir}
 *                       so executors in other JVMs can load them; null when there is none
 * @param workDir        parent of the per-session temp folder (checkpoints) and of the log file
 * @param manualClock    true to drive batches by {@code ManualClockStepper} instead of wall time
 */
public record SessionConfig(String master, Duration batchInterval, String appName, Map<String, String> conf,
                            Path classOutputDir, Path workDir, boolean manualClock) {

    public static final String DEFAULT_MASTER = "local[*]";
    public static final Duration DEFAULT_BATCH = Duration.ofSeconds(1);
    public static final String DEFAULT_APP = "sparkbook";

    public SessionConfig {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(batchInterval, "batchInterval");
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(workDir, "workDir");
        if (master.isBlank()) {
            throw new IllegalArgumentException("master must not be blank: use e.g. master=local[*]");
        }
        if (batchInterval.isNegative() || batchInterval.isZero() || batchInterval.toMillis() == 0) {
            throw new IllegalArgumentException("batch interval must be at least 1 ms, got " + batchInterval);
        }
        conf = Map.copyOf(conf);
    }

    /** Built-in defaults: local[*], 1 s batches, work dir under java.io.tmpdir. */
    public static SessionConfig defaults() {
        return new SessionConfig(DEFAULT_MASTER, DEFAULT_BATCH, DEFAULT_APP, Map.of(), null,
                Path.of(System.getProperty("java.io.tmpdir"), "sparkbook"), false);
    }

    /** Defaults overridden by SPARKBOOK_MASTER, SPARKBOOK_BATCH and SPARKBOOK_CONF (space-separated key=value). */
    public static SessionConfig fromEnvironment(Map<String, String> env) {
        return SessionConfigParser.applyEnvironment(defaults(), env);
    }

    /** This config overridden by magic-line tokens such as {@code master=local[4] batch=500ms spark.foo=bar}. */
    public SessionConfig withArgs(String tokens) {
        return SessionConfigParser.applyTokens(this, tokens);
    }

    public SessionConfig withMaster(String newMaster) {
        return new SessionConfig(newMaster, batchInterval, appName, conf, classOutputDir, workDir, manualClock);
    }

    public SessionConfig withBatchInterval(Duration newBatch) {
        return new SessionConfig(master, newBatch, appName, conf, classOutputDir, workDir, manualClock);
    }

    public SessionConfig withAppName(String newName) {
        return new SessionConfig(master, batchInterval, newName, conf, classOutputDir, workDir, manualClock);
    }

    public SessionConfig withConf(String key, String value) {
        var merged = new LinkedHashMap<>(conf);
        merged.put(key, value);
        return new SessionConfig(master, batchInterval, appName, merged, classOutputDir, workDir, manualClock);
    }

    public SessionConfig withClassOutputDir(Path dir) {
        return new SessionConfig(master, batchInterval, appName, conf, dir, workDir, manualClock);
    }

    public SessionConfig withWorkDir(Path dir) {
        return new SessionConfig(master, batchInterval, appName, conf, classOutputDir, dir, manualClock);
    }

    /** Batches advance only when stepped, which makes runs deterministic (tests, demos). */
    public SessionConfig withManualClock() {
        return new SessionConfig(master, batchInterval, appName, conf, classOutputDir, workDir, true);
    }

    /** The file that receives Spark's full INFO log. */
    public Path logFile() {
        return workDir.resolve("spark.log");
    }
}
