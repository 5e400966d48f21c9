package sparkbook.kernel.spark;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.dstream.DStream;
import org.apache.spark.streaming.dstream.ReducedWindowedDStream;
import org.apache.spark.streaming.dstream.WindowedDStream;
import sparkbook.engine.api.StreamingSession;
import sparkbook.engine.tap.WindowSpec;
import sparkbook.kernel.io.OutputTarget;
import sparkbook.kernel.runtime.LiveDisplayFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code display(stream)} and {@code display(ssc)}: a DStream gets a live table of its batches (a windowed one
 * also shows which batches its window covers), the StreamingContext gets the stream dashboard.
 */
public final class StreamDisplays implements LiveDisplayFactory {
    private final SparkSupport spark;
    private String slotRequest;
    private int slotsInRequest;

    public StreamDisplays(SparkSupport spark) {
        this.spark = spark;
    }

    @Override
    public Optional<String> open(Object value, int rows, OutputTarget target) {
        if (value instanceof JavaStreamingContext || value instanceof StreamingSession) {
            StreamingSession s = spark.session();
            if (value instanceof JavaStreamingContext j && j != s.ssc()) {
                throw new IllegalArgumentException("display(ssc) shows the notebook's StreamingContext, and this one was "
                        + "made in a cell. Use the predefined ssc (or %%stream to rebuild it) to get the dashboard.");
            }
            String id = newDisplay(target);
            String chartId = newDisplay(target);
            spark.liveStreams().dashboard("dashboard", id, chartId, s); // one dashboard: a new one replaces it
            return Optional.of(id);
        }
        JavaDStream<?> stream = asJavaDStream(value);
        if (stream == null) return Optional.empty();
        StreamingSession s = spark.session();
        long batchMs = s.config().batchInterval().toMillis();
        String id = newDisplay(target);
        String slot = slot(target, id);
        String name = spark.variableNameOf(value).orElseGet(() -> describe(stream.dstream()));
        Optional<WindowSpec> window = windowOf(stream.dstream(), batchMs);
        if (value instanceof JavaPairDStream<?, ?> pairs && isState(pairs.dstream())) {
            // updateStateByKey / mapWithState snapshots: keys in state, top keys, state size over time
            spark.liveStreams().state(slot, id, name, pairs, batchMs, rows, sparkbook.engine.tap.StateTap.largestFirst());
        } else if (window.isPresent()) {
            spark.liveStreams().window(slot, id, name, stream, window.get(), rows);
        } else {
            spark.liveStreams().batches(slot, id, name, stream, batchMs, rows);
        }
        return Optional.of(id);
    }

    /**
     * The n-th stream display of a notebook cell keeps its slot when the cell runs again, so the new display
     * replaces the old one, which stops updating and sampling. Without a cell id each display has its own slot.
     */
    private synchronized String slot(OutputTarget target, String displayId) {
        if (target.cellId() == null) return displayId;
        if (!Objects.equals(target.requestId(), slotRequest)) {
            slotRequest = target.requestId();
            slotsInRequest = 0;
        }
        return "cell " + target.cellId() + " #" + slotsInRequest++;
    }

    private String newDisplay(OutputTarget target) {
        String id = UUID.randomUUID().toString();
        spark.bindDisplay(id, target);
        return id;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static JavaDStream<?> asJavaDStream(Object value) {
        if (value instanceof JavaDStream<?> d) return d;
        if (value instanceof JavaPairDStream<?, ?> p) return p.toJavaDStream();
        if (value instanceof DStream<?> d) return new JavaDStream(d, scala.reflect.ClassTag$.MODULE$.apply(Object.class));
        return null;
    }

    /** The nearest window among the stream and its ancestors: a window's effect reaches its descendants. */
    static Optional<WindowSpec> windowOf(DStream<?> stream, long batchMs) {
        Deque<DStream<?>> todo = new ArrayDeque<>();
        todo.add(stream);
        for (int seen = 0; !todo.isEmpty() && seen < 32; seen++) {
            DStream<?> d = todo.poll();
            if (d instanceof WindowedDStream<?> w) return Optional.of(spec(batchMs, w.windowDuration(), w.slideDuration()));
            if (d instanceof ReducedWindowedDStream<?, ?> r) return Optional.of(spec(batchMs, r.windowDuration(), r.slideDuration()));
            scala.collection.Iterator<DStream<?>> deps = d.dependencies().iterator();
            while (deps.hasNext()) todo.add(deps.next());
        }
        return Optional.empty();
    }

    /** A stream of state: updateStateByKey's, or mapWithState's stateSnapshots(). */
    static boolean isState(DStream<?> stream) {
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

    private static WindowSpec spec(long batchMs, org.apache.spark.streaming.Duration window, org.apache.spark.streaming.Duration slide) {
        return WindowSpec.of(Duration.ofMillis(batchMs), Duration.ofMillis(window.milliseconds()), Duration.ofMillis(slide.milliseconds()));
    }

    private static String describe(DStream<?> d) {
        String kind = d.getClass().getSimpleName();
        return kind.endsWith("DStream") ? kind.substring(0, kind.length() - "DStream".length()) + " stream" : kind;
    }
}
