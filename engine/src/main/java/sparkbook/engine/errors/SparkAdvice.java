package sparkbook.engine.errors;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns Spark Streaming's lifecycle exceptions into messages that say what to do in a notebook.
 * Matching is on Spark's message text (Spark throws plain IllegalStateException /
 * IllegalArgumentException for these), checked against Spark 4.2 by SparkTrapsTest.
 * It sits below every other engine package, so api, input, testing and the kernel all explain failures with it.
 */
public final class SparkAdvice {

    public static final String STOPPED_ADVICE = "A stopped StreamingContext cannot be started again, only a new one can. In a notebook, re-run the "
            + "pipeline's cell with %%stream (or run %stream restart, then the cell): it gets a fresh ssc. In code, "
            + "StreamingSession.renew() gives one. Define the pipeline on it, then start().";

    private record Trap(Predicate<String> matches, String advice) {
    }

    private static final List<Trap> TRAPS = List.of(
            new Trap(m -> m.contains("operations after starting a context is not supported"),
                    "The StreamingContext is already running, so its pipeline is fixed: no inputs, transformations or "
                            + "output operations can be added after start(). To change the pipeline, rebuild it: put the whole "
                            + "pipeline in one cell that starts with %%stream and re-run it (it stops this context, keeps sc, "
                            + "and gives you a fresh ssc), or run %stream restart and define the pipeline again."),
            new Trap(m -> m.contains("operations after stopping a context is not supported"),
                    "This StreamingContext has been stopped, so nothing can be added to it. Get a fresh one: re-run "
                            + "the pipeline's cell with %%stream, or run %stream restart and define the pipeline on the new ssc."),
            new Trap(m -> m.contains("StreamingContext has already been stopped"), STOPPED_ADVICE),
            new Trap(m -> m.contains("Only one StreamingContext may be started in this JVM"),
                    "Another StreamingContext is already running in this JVM and Spark allows only one. Stop it first "
                            + "(%stream stop, or ssc.stop(false, false) to keep the SparkContext), then start this one."),
            new Trap(m -> m.contains("must be a multiple of the slide duration of parent DStream"),
                    "Window length and slide must both be whole multiples of the batch interval (and the window a "
                            + "multiple of the slide). E.g. with 1 s batches use Durations.seconds(3) and Durations.seconds(1), "
                            + "or change the batch with %spark batch=... . Then rebuild the pipeline."),
            new Trap(m -> m.contains("checkpoint directory has not been set"),
                    "Stateful operations (updateStateByKey, mapWithState, windows with an inverse reduce) need a "
                            + "checkpoint directory: call ssc.checkpoint(\"some/dir\") before start(). Contexts made by "
                            + "StreamingSession have one already; a hand-made context does not."),
            new Trap(m -> m.contains("No output operations registered"),
                    "The pipeline has no output operation, so Spark would compute nothing. Add one before start(): "
                            + "print(), foreachRDD(...), or BatchTap.attach(stream, 10, sample -> ...)."),
            new Trap(m -> m.contains("DStreams with their functions are not serializable"),
                    "Checkpointing serializes the whole DStream graph, and a function in it captures something that is "
                            + "not serializable (named in the error below). Capture only serializable values, mark driver-only "
                            + "fields transient, or build the helper object inside the function."),
            new Trap(m -> m.contains("Task not serializable"),
                    "A function sent to the executors captures something that is not serializable (see the cause). "
                            + "Capture only serializable values or create the object inside the function."),
            new Trap(m -> m.contains("Cannot call methods on a stopped SparkContext"),
                    "The SparkContext has been stopped (ssc.stop() without arguments also stops it). Restart the kernel "
                            + "or reconfigure with %spark to get a new one; use ssc.stop(false, false) to stop only streaming."),
            // Structured Streaming
            new Trap(m -> m.contains("Invalid streaming output mode: append") && m.contains("without watermark"),
                    "An aggregation in append mode emits a row only once it can no longer change, which Spark can know "
                            + "only from a watermark. Either say how late data may come, withWatermark(\"eventTime\", "
                            + "\"10 seconds\") before the groupBy with a window on that column, or use outputMode(\"update\") "
                            + "(changed rows each batch) or \"complete\" (the whole table each batch)."),
            new Trap(m -> m.contains("Invalid streaming output mode: complete"),
                    "Complete mode rewrites the whole result table each batch, so it needs an aggregation (groupBy). "
                            + "For a query without one use outputMode(\"append\"), the default."),
            new Trap(m -> m.contains("must be executed with writeStream.start()"),
                    "A streaming Dataset has no rows until a query runs it, so show(), count() or collect() cannot "
                            + "work on it. display(ds) starts it and shows its result live; or start a query yourself: "
                            + "ds.writeStream().format(\"console\").start()."),
            new Trap(m -> m.contains("as a query with that name is already active"),
                    "A query of that name still runs (an earlier run of this cell?). Stop it first: %stream stop, or "
                            + "query.stop(). A cell that starts with %%stream stops the queries it started before, when run again."),
            new Trap(m -> m.contains("as another query with same id is already active")
                    || m.contains("restart a query from checkpoint that is already active"),
                    "A query is running on this checkpoint already (the same checkpointLocation: its state and its "
                            + "progress). Two runs would overwrite each other's state, and Spark would stop the first one "
                            + "silently, so the kernel refuses. Stop the running one first (%stream stop, or query.stop()), "
                            + "or give this query a checkpointLocation of its own. A cell that starts with %%stream stops "
                            + "the queries it started before, when run again."),
            new Trap(m -> m.contains("EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE") || (m.contains("has the invalid type")
                    && m.contains("expected \"TIMESTAMP\"")),
                    "withWatermark needs a timestamp column. Convert it first, e.g. "
                            + "withColumn(\"time\", functions.to_timestamp(functions.col(\"time\"))), or for epoch seconds "
                            + "functions.col(\"time\").cast(\"timestamp\")."),
            new Trap(m -> m.contains("Cannot stop StreamingContext within listener bus thread"),
                    "A streaming listener or batch callback tried to stop the StreamingContext. Hand the stop to another "
                            + "thread (e.g. CompletableFuture.runAsync(session::stop)).")
    );

    private SparkAdvice() {
    }

    /** Advice for the first known trap found in {@code error} or its causes; empty if none is known. */
    public static Optional<String> explain(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            for (Trap trap : TRAPS) {
                if (trap.matches().test(message)) {
                    return Optional.of(trap.advice());
                }
            }
        }
        return Optional.empty();
    }

    /** The advice if there is one, else the error's first line. Short enough for a cell. */
    public static String describe(Throwable error) {
        return explain(error).orElseGet(() -> firstLine(error));
    }

    /** An error's type and the first line of its message: what a cell should show instead of a stack. */
    public static String firstLine(Throwable error) {
        String message = error.getMessage();
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return error.getClass().getName() + (line.isEmpty() ? "" : ": " + line);
    }
}
