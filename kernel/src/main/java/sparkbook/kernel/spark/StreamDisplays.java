package sparkbook.kernel.spark;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.dstream.DStream;
import org.apache.spark.streaming.dstream.ReducedWindowedDStream;
import org.apache.spark.streaming.dstream.WindowedDStream;
import sparkbook.display.engine.LiveStreams;
import sparkbook.display.live.UpdateCoalescer;
import sparkbook.engine.api.StreamingSession;
import sparkbook.engine.tap.WindowSpec;
import sparkbook.kernel.io.CellOutput;
import sparkbook.kernel.runtime.LiveDisplayFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The notebook's live displays: {@code display(stream)} gives a DStream a live table of its batches (a windowed one
 * also shows which batches its window covers, a stateful one its state), {@code display(ssc)} the stream dashboard.
 * Displays answer to the cell that opened them and are rate-limited together; they are finished (rendered a last
 * time) before the context under them stops.
 */
public final class StreamDisplays implements LiveDisplayFactory {
    /** How long a final render waits for batch samples still on their way (a slow job is not waited for forever). */
    static final Duration SAMPLES_TIMEOUT = Duration.ofSeconds(10);

    private final CellOutput output;
    private final Supplier<StreamingSession> session;
    private final Function<Object, Optional<String>> variableName;
    private final UpdateCoalescer coalescer;
    private final LiveStreams liveStreams;

    /**
     * @param session the notebook's session, waited for when a display needs it
     * @param variableName the notebook variable holding a value, to title its display
     */
    public StreamDisplays(CellOutput output, Supplier<StreamingSession> session, Function<Object, Optional<String>> variableName) {
        this.output = output;
        this.session = session;
        this.variableName = variableName;
        this.coalescer = new UpdateCoalescer(output);
        this.liveStreams = new LiveStreams(coalescer);
    }

    @Override
    public Optional<String> open(Object value, int rows) {
        if (value instanceof JavaStreamingContext || value instanceof StreamingSession) {
            StreamingSession s = session.get();
            if (value instanceof JavaStreamingContext j && j != s.ssc()) {
                throw new IllegalArgumentException("display(ssc) shows the notebook's StreamingContext, and this one was "
                        + "made in a cell. Use the predefined ssc (or %%stream to rebuild it) to get the dashboard.");
            }
            String id = output.newLiveDisplay();
            String chartId = output.newLiveDisplay();
            liveStreams.dashboard("dashboard", id, chartId, s); // one dashboard: a new one replaces it
            return Optional.of(id);
        }
        JavaDStream<?> stream = asJavaDStream(value);
        if (stream == null) return Optional.empty();
        StreamingSession s = session.get();
        long batchMs = s.config().batchInterval().toMillis();
        String id = output.newLiveDisplay();
        String slot = output.cellSlot(id);
        String name = variableName.apply(value).orElseGet(() -> describe(stream.dstream()));
        Optional<WindowSpec> window = windowOf(stream.dstream(), batchMs);
        if (value instanceof JavaPairDStream<?, ?> pairs && isState(pairs.dstream())) {
            // updateStateByKey / mapWithState snapshots: keys in state, top keys, state size over time
            liveStreams.state(slot, id, name, pairs, batchMs, rows, sparkbook.engine.tap.StateTap.largestFirst());
        } else if (window.isPresent()) {
            liveStreams.window(slot, id, name, stream, window.get(), rows);
        } else {
            liveStreams.batches(slot, id, name, stream, batchMs, rows);
        }
        return Optional.of(id);
    }

    /** Waits (at most {@link #SAMPLES_TIMEOUT}) for batch samples still on their way, e.g. after stepping the clock. */
    public void awaitSamples() {
        liveStreams.awaitSamples(SAMPLES_TIMEOUT);
    }

    /** Sends what each display last saw (a cell ends: a notebook run headless keeps that state). */
    void flushAll() {
        coalescer.flushAll();
    }

    /** Renders every live display a last time, once the samples of the last batches have reached them. */
    public void finishAll() {
        awaitSamples();
        coalescer.finishAll();
    }

    void close() {
        coalescer.close();
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
