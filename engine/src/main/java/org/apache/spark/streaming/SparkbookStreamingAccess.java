package org.apache.spark.streaming;

import org.apache.spark.SparkContext;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.dstream.DStream;
import org.apache.spark.streaming.scheduler.StreamInputInfo;
import org.apache.spark.util.ManualClock;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The one place that touches Spark Streaming internals marked private[streaming] / private[spark]
 * (the clock, the DStream graph, the input-info tracker). Keeping them here means a Spark upgrade
 * breaks one file, not the engine. Stateless.
 */
public final class SparkbookStreamingAccess {
    private static final String CLOCK_KEY = "spark.streaming.clock";
    private static final String MANUAL_CLOCK = "org.apache.spark.util.ManualClock";
    private static final String SYSTEM_CLOCK = "org.apache.spark.util.SystemClock";

    private SparkbookStreamingAccess() {
    }

    /**
     * Creates a StreamingContext whose job generator uses the manual or the system clock. The clock
     * is read from the SparkContext's live conf while the context is constructed, so we set it for
     * exactly that moment and restore it: one SparkContext can then host both kinds of context.
     */
    public static JavaStreamingContext newStreamingContext(SparkContext sc, Duration batch, boolean manualClock) {
        synchronized (sc) {
            var conf = sc.conf();
            var previous = conf.getOption(CLOCK_KEY);
            conf.set(CLOCK_KEY, manualClock ? MANUAL_CLOCK : SYSTEM_CLOCK);
            try {
                return new JavaStreamingContext(new StreamingContext(sc, batch));
            } finally {
                if (previous.isDefined()) {
                    conf.set(CLOCK_KEY, previous.get());
                } else {
                    conf.remove(CLOCK_KEY);
                }
            }
        }
    }

    /** The manual clock of a context made with {@code manualClock = true}; otherwise an IllegalStateException. */
    public static ManualClock manualClock(JavaStreamingContext ssc) {
        var clock = ssc.ssc().scheduler().clock();
        if (clock instanceof ManualClock manual) {
            return manual;
        }
        throw new IllegalStateException("This StreamingContext runs on the real clock (" + clock.getClass().getSimpleName()
                + "); stepping needs one created in manual-clock mode, e.g. StreamingSession with config.withManualClock().");
    }

    /** The SparkContext running in this JVM, whoever made it (the notebook, or a cell from its own SparkConf). */
    public static java.util.Optional<SparkContext> activeContext() {
        scala.Option<SparkContext> active = org.apache.spark.SparkContext$.MODULE$.getActive();
        return active.isDefined() && !active.get().isStopped() ? java.util.Optional.of(active.get()) : java.util.Optional.empty();
    }

    public static int receiverStreamCount(JavaStreamingContext ssc) {
        return ssc.ssc().graph().getReceiverInputStreams().length;
    }

    public static int outputStreamCount(JavaStreamingContext ssc) {
        return ssc.ssc().graph().getOutputStreams().length;
    }

    /** True if some DStream of the graph is stateful and so needs a checkpoint directory. */
    public static boolean needsCheckpointDirectory(JavaStreamingContext ssc) {
        Deque<DStream<?>> todo = new ArrayDeque<>();
        for (DStream<?> out : ssc.ssc().graph().getOutputStreams()) {
            todo.push(out);
        }
        Set<DStream<?>> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            DStream<?> d = todo.pop();
            if (!seen.add(d)) {
                continue;
            }
            if (d.mustCheckpoint()) {
                return true;
            }
            var deps = d.dependencies().iterator();
            while (deps.hasNext()) {
                todo.push(deps.next());
            }
        }
        return false;
    }

    /**
     * The SparkContext-wide RDD checkpoint folder. {@code ssc.checkpoint(dir)} overwrites it, so a
     * throw-away context (a stream check) saves it first and puts it back afterwards.
     */
    public static scala.Option<String> rddCheckpointDir(SparkContext sc) {
        return sc.checkpointDir();
    }

    public static void restoreRddCheckpointDir(SparkContext sc, scala.Option<String> dir) {
        sc.checkpointDir_$eq(dir);
    }

    /** Tells the batch metrics how many records an input stream contributed to a batch. */
    @SuppressWarnings("unchecked") // Scala's Map.updated is seen by javac through a raw signature
    public static void reportInput(StreamingContext ssc, Time batchTime, int inputStreamId, long records, String description) {
        var metadata = scala.collection.immutable.Map$.MODULE$.<String, Object>empty()
                .updated(StreamInputInfo.METADATA_KEY_DESCRIPTION(), description);
        ssc.scheduler().inputInfoTracker().reportInfo(batchTime, new StreamInputInfo(inputStreamId, records, metadata));
    }
}
