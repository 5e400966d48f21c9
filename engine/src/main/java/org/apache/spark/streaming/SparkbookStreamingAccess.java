package org.apache.spark.streaming;

import org.apache.spark.SparkContext;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.dstream.DStream;
import org.apache.spark.streaming.dstream.ReducedWindowedDStream;
import org.apache.spark.streaming.dstream.WindowedDStream;
import org.apache.spark.streaming.scheduler.StreamInputInfo;
import org.apache.spark.util.ManualClock;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one place that touches Spark Streaming internals marked private[streaming] / private[spark]
 * (the clock, the DStream graph and its stream classes, the input-info tracker). Keeping them here means a Spark upgrade
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

    /** Each input stream's id and Spark's name for it ("Kafka 0.10 direct stream [0]", "queue stream [1]"). */
    public static java.util.Map<Integer, String> inputNames(JavaStreamingContext ssc) {
        java.util.Map<Integer, String> names = new java.util.HashMap<>();
        for (org.apache.spark.streaming.dstream.InputDStream<?> in : ssc.ssc().graph().getInputStreams()) names.put(in.id(), in.name());
        return names;
    }

    public static int receiverStreamCount(JavaStreamingContext ssc) {
        return ssc.ssc().graph().getReceiverInputStreams().length;
    }

    public static int outputStreamCount(JavaStreamingContext ssc) {
        return ssc.ssc().graph().getOutputStreams().length;
    }

    /** A window's length and slide, in milliseconds. */
    public record WindowDurations(long windowMs, long slideMs) {
    }

    /**
     * The window nearest to {@code stream} among it and its ancestors (a window's effect reaches its descendants):
     * WindowedDStream and ReducedWindowedDStream are private[streaming]. Looks at 32 streams at most.
     */
    public static java.util.Optional<WindowDurations> nearestWindow(DStream<?> stream) {
        Deque<DStream<?>> todo = new ArrayDeque<>();
        todo.add(stream);
        for (int seen = 0; !todo.isEmpty() && seen < 32; seen++) {
            DStream<?> d = todo.poll();
            if (d instanceof WindowedDStream<?> w) return java.util.Optional.of(durations(w.windowDuration(), w.slideDuration()));
            if (d instanceof ReducedWindowedDStream<?, ?> r) {
                return java.util.Optional.of(durations(r.windowDuration(), r.slideDuration()));
            }
            scala.collection.Iterator<DStream<?>> deps = d.dependencies().iterator();
            while (deps.hasNext()) todo.add(deps.next());
        }
        return java.util.Optional.empty();
    }

    /**
     * A stream of state: updateStateByKey's StateDStream or mapWithState's stateSnapshots() (over an
     * InternalMapWithStateDStream), both private[streaming], so known by class name. Looks a few streams up.
     */
    public static boolean isStateStream(DStream<?> stream) {
        Deque<DStream<?>> todo = new ArrayDeque<>();
        todo.add(stream);
        for (int seen = 0; !todo.isEmpty() && seen < 4; seen++) {
            DStream<?> d = todo.poll();
            String kind = d.getClass().getSimpleName();
            if (kind.equals("StateDStream") || kind.equals("InternalMapWithStateDStream")) return true;
            scala.collection.Iterator<DStream<?>> deps = d.dependencies().iterator();
            while (deps.hasNext()) todo.add(deps.next());
        }
        return false;
    }

    private static WindowDurations durations(Duration window, Duration slide) {
        return new WindowDurations(window.milliseconds(), slide.milliseconds());
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
