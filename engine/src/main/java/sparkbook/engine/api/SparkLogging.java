package sparkbook.engine.api;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.core.filter.AbstractFilterable;
import org.apache.logging.log4j.core.filter.BurstFilter;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes Spark's log4j2 output: everything from INFO up to a log file, and only WARN/ERROR to
 * System.err (which the kernel shows in the cell) — the first line of each event, without stack traces,
 * known noise dropped and bursts rate-limited so a failing stream cannot flood a notebook.
 * Configuring log4j is global by nature; call it once before the SparkContext starts (again is harmless).
 */
public final class SparkLogging {

    /** Messages that are harmless in a notebook but alarming in a cell. */
    static final List<String> NOISE = List.of(
            "Unable to load native-hadoop library",
            "Your hostname, ",
            "Set SPARK_LOCAL_IP if you need to bind to another address",
            "replicated to only 0 peer",
            "Expecting 1 replicas with only 0 peer",
            "could not bind on port",
            "Using an existing Spark session",
            "Using an existing SparkContext",
            "Truncated the string representation of a plan",
            "Unable to find hostname",
            "Block input-",
            "Writer queue interrupted",
            "StreamingContext has not been started yet",
            "Stopped by driver",
            "Receiver has been stopped",
            // a stream being stopped on purpose (%stream stop, %%stream, %spark): nothing for the user to do
            "close() was called on BatchedWriteAheadLog",
            "Exception thrown while writing record: BatchCleanupEvent",
            "Failed to acknowledge batch clean up in the Write Ahead Log",
            // Structured Streaming's defaults for a query started without a checkpoint location: right for a notebook
            "Temporary checkpoint location created which is deleted normally",
            "is not supported in streaming DataFrames/Datasets and will be disabled",
            "Disabling AQE since AQE is not supported in stateful workloads",
            "Cannot find active jobs for it",
            "TaskKilled (Stage cancelled",
            // tasks interrupted because their query stopped, cleaning up after themselves
            "temp_shuffle_",
            "Interrupted while joining on: Thread",
            "fail, remove all pieces of the broadcast",
            // a dashboard's state read cut short by its query's stop (Spark deletes a temporary checkpoint then); a
            // query that fails on its own state is reported in its cell by the query listener
            "CANNOT_LOAD_STATE_STORE",
            // ... and a micro-batch's state commit cut short so: its temporary checkpoint was deleted under it
            "CANNOT_WRITE_STATE_STORE",
            // a micro-batch's write cut short: by a stop, or by a failure the query's listener reports with its cause
            "Data source write support MicroBatchWrite",
            "Aborting commit for partition",
            "Aborted commit for partition",
            // a query's state read for its dashboard loads that version from the checkpoint, as it should
            "doesn't exist in loadedMaps. Reading snapshot file and delta files if needed",
            // Kafka's direct stream setting its executors' consumers as it must: nothing for the user to do
            "overriding enable.auto.commit to false for executor",
            "overriding auto.offset.reset to none for executor",
            "overriding executor group.id to spark-executor-",
            "overriding receive.buffer.bytes to 65536",
            "RejectedExecutionException",
            // tasks killed because the user interrupted their cell: the cell's reply says so
            "cancelled job group sparkbook-cell-",
            // the aftermath of a start that failed, already reported in the cell with its cause
            "Another SparkContext is being constructed (or threw an exception in its constructor)",
            "Stopping a MetricsSystem that is not running");

    private SparkLogging() {
    }

    public static void routeToFileAndStderr(Path logFile) {
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.setConfigurationName("sparkbook");
        b.setStatusLevel(Level.ERROR);

        b.add(b.newAppender("file", "File")
                .addAttribute("fileName", logFile.toAbsolutePath().toString())
                .addAttribute("append", true)
                .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d{HH:mm:ss.SSS} %-5level [%t] %c{1}: %m%n%ex")));

        b.add(b.newAppender("cell", "Console")
                .addAttribute("target", ConsoleAppender.Target.SYSTEM_ERR)
                // follow: the kernel swaps System.err per cell; honour the current one, not the one at start-up
                .addAttribute("follow", true)
                .add(b.newLayout("PatternLayout")
                        .addAttribute("pattern", "[spark] %-5level %c{1}: %maxLen{%replace{%m}{(?s)[\\r\\n].*}{ …}}{300}"
                                + "%notEmpty{ — %maxLen{%replace{%throwable{1}}{[\\r\\n]+}{}}{200}}%n")
                        .addAttribute("alwaysWriteExceptions", false))
                .addComponent(b.newComponent("Filters")
                        .addComponent(b.newFilter("ThresholdFilter", Filter.Result.NEUTRAL, Filter.Result.DENY)
                                .addAttribute("level", Level.WARN))));

        b.add(b.newRootLogger(Level.INFO).add(b.newAppenderRef("file")).add(b.newAppenderRef("cell")));
        b.add(b.newLogger("org.apache.hadoop.util.NativeCodeLoader", Level.ERROR));
        b.add(b.newLogger("org.sparkproject.jetty", Level.WARN));
        Configurator.reconfigure(b.build());
        // Noise is found in the message and in the exception logged with it (a filter of the configuration's own
        // kinds sees only the message)
        var context = (org.apache.logging.log4j.core.LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
        if (context.getConfiguration().getAppender("cell") instanceof AbstractFilterable cell) {
            cell.addFilter(new NoiseFilter());
            // after the noise is dropped, so that noise does not use up the burst a real error needs
            cell.addFilter(BurstFilter.newBuilder().setLevel(Level.ERROR).setRate(2).setMaxBurst(10)
                    .setOnMatch(Filter.Result.NEUTRAL).setOnMismatch(Filter.Result.DENY).build());
        }
    }

    /**
     * Drops an event whose message, or the message of an exception logged with it, is {@link #NOISE}; and one logged
     * with an interruption: a task is interrupted only when its work was cancelled (an interrupted cell, a stopped
     * query or stream), which the kernel reports where it happened. A task that failed so is followed by its stage's
     * "Task 0 in stage 62.0 failed 1 times; aborting job", with no cause in it: dropped too (it reached a cell once,
     * after a dashboard's state read that its query's stop cut short).
     */
    static final class NoiseFilter extends AbstractFilter {
        /** "Exception in task 1.0 in stage 58.0 (TID 125)", "Lost task 1.0 in stage 58.0 ...": the stage's id. */
        private static final Pattern TASK_IN_STAGE = Pattern.compile("[Tt]ask \\d+(?:\\.\\d+)? in stage (\\d+\\.\\d+)");
        /**
         * "File file:/tmp/temporary-c3a0bf71-…/state/0/3 does not exist": a state file of a temporary checkpoint, which
         * Spark deletes when its query stops, so only a task of a stopped query still looks for one.
         */
        private static final Pattern TEMPORARY_STATE_GONE = Pattern.compile("/temporary-[0-9a-f-]+/state/\\S* does not exist");
        private static final Pattern ABORTING = Pattern.compile("^Task \\d+ in stage (\\d+\\.\\d+) failed \\d+ times?; aborting job");
        /** Stages whose task failed with noise, the newest few: their "aborting job" line that follows is noise too. */
        private final Set<String> noisyStages = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > 64;
            }
        }));

        NoiseFilter() {
            super(Filter.Result.DENY, Filter.Result.NEUTRAL);
        }

        @Override
        public Filter.Result filter(LogEvent event) {
            String message = event.getMessage().getFormattedMessage();
            if (isNoiseEvent(message, event.getThrown())) {
                Matcher stage = TASK_IN_STAGE.matcher(message == null ? "" : message);
                if (stage.find()) noisyStages.add(stage.group(1));
                return onMatch;
            }
            Matcher aborting = ABORTING.matcher(message == null ? "" : message);
            if (aborting.find() && noisyStages.contains(aborting.group(1))) return onMatch;
            return onMismatch;
        }

        private static boolean isNoiseEvent(String message, Throwable thrown) {
            if (isNoise(message)) return true;
            for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (isNoise(t.getMessage()) || t instanceof InterruptedException || t instanceof java.io.InterruptedIOException
                        || t instanceof java.nio.channels.ClosedByInterruptException) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isNoise(String text) {
            if (text == null) return false;
            for (String n : NOISE) if (text.contains(n)) return true;
            return TEMPORARY_STATE_GONE.matcher(text).find();
        }
    }
}
