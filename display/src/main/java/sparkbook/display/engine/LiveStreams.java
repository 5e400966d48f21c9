package sparkbook.display.engine;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.dstream.DStream;
import sparkbook.display.Bundles;
import sparkbook.display.MimeBundle;
import sparkbook.display.live.LiveDisplay;
import sparkbook.display.live.UpdateCoalescer;
import sparkbook.display.query.QueryDashboard;
import sparkbook.display.query.QueryResultView;
import sparkbook.display.stream.BatchTableView;
import sparkbook.display.stream.StateView;
import sparkbook.display.stream.StreamDashboard;
import sparkbook.display.stream.ThroughputChart;
import sparkbook.display.stream.TimeText;
import sparkbook.display.stream.WindowView;
import sparkbook.engine.api.StreamingSession;
import sparkbook.engine.metrics.BoundedHistory;
import sparkbook.engine.metrics.StreamStatus;
import sparkbook.engine.metrics.Subscription;
import org.apache.spark.sql.streaming.StreamingQuery;
import sparkbook.engine.query.QueryBatch;
import sparkbook.engine.query.QueryListener;
import sparkbook.engine.query.QueryStateReader;
import sparkbook.engine.query.QueryResult;
import sparkbook.engine.query.QueryState;
import sparkbook.engine.query.QueryStatus;
import sparkbook.engine.tap.SharedTaps;
import sparkbook.engine.tap.StateSnapshot;
import sparkbook.engine.tap.StateTap;
import sparkbook.engine.tap.StreamShape;
import sparkbook.engine.tap.TapFailure;
import sparkbook.engine.tap.TapSample;
import sparkbook.engine.tap.WindowSpec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The kernel's entry point for live stream displays: wires engine taps and the metrics listener to
 * coalesced {@link LiveDisplay}s. Taps add output operations, so call these before {@code ssc.start()}.
 * Each method returns the display; {@link LiveDisplay#finish()} it when the context stops.
 *
 * <pre>{@code
 * LiveStreams streams = new LiveStreams(coalescer);
 * streams.display("cell 1 #0", displayId, "counts", counts, 1000, 10);   // state, window or batch view
 * streams.dashboard("dashboard", dashboardId, chartId, session);
 * session.start();
 * }</pre>
 */
public final class LiveStreams {
    /** Batches kept per tapped stream for the history table. */
    static final int KEEP_BATCHES = 16;

    private final UpdateCoalescer coalescer;
    /** Several displays of one stream share its sampling job. */
    private final SharedTaps taps = new SharedTaps();
    private java.util.concurrent.ScheduledExecutorService stateReaders;

    public LiveStreams(UpdateCoalescer coalescer) {
        this.coalescer = coalescer;
    }

    /** Whether {@link #display} shows {@code value}: a JavaDStream, a JavaPairDStream or a DStream. */
    public static boolean isStream(Object value) {
        return value instanceof JavaDStream<?> || value instanceof JavaPairDStream<?, ?> || value instanceof DStream<?>;
    }

    /**
     * A live display of {@code stream}, its view picked by the engine's {@link StreamShape}: a pair stream of state
     * gets keys in state, top keys and state size over time; a windowed stream (or one made from a window) which
     * batches its window covers and its contents; any other stream its latest rows and recent counts.
     *
     * @param slot    a display in the same slot is replaced (it stops updating and sampling)
     * @param name    the display's title; null for the shape's description ("Shuffled stream")
     * @param stream  a JavaDStream, JavaPairDStream or DStream ({@link #isStream})
     * @param batchMs the context's batch interval
     * @param rows    rows shown per batch, or top keys of a state
     */
    public LiveDisplay display(String slot, String displayId, String name, Object stream, long batchMs, int rows) {
        JavaDStream<?> batches = javaStream(stream);
        StreamShape shape = StreamShape.of(batches.dstream(), batchMs);
        String title = name != null ? name : shape.description();
        if (shape.kind() == StreamShape.Kind.STATE && stream instanceof JavaPairDStream<?, ?> state) {
            return state(slot, displayId, title, state, batchMs, rows);
        }
        if (shape.window().isPresent()) {
            return window(slot, displayId, title, batches, shape.window().get(), rows);
        }
        return batches(slot, displayId, title, batches, batchMs, rows);
    }

    /**
     * Waits (at most {@code timeout}) for the batch samples still on their way to the displays: before a final
     * render, so it shows the last batch, or after stepping a manual clock. False if they took longer.
     */
    public boolean awaitSamples(Duration timeout) {
        try {
            return taps.awaitDelivered(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The whole StreamingContext: status line, recent batches and receivers in one display, the throughput chart in
     * a second one ({@code chartDisplayId}, SVG and Vega-Lite without HTML, so JupyterLab shows the Vega-Lite).
     */
    public LiveDisplay dashboard(String slot, String displayId, String chartDisplayId, StreamingSession session) {
        StreamDashboard dashboard = new StreamDashboard();
        StatusMemo status = new StatusMemo(session);
        return withChart(slot, displayId, chartDisplayId, () -> dashboard.render(status.get(), false),
                () -> dashboard.chart(status.get()), changed -> session.metrics().onBatchCompleted(batch -> changed.run()));
    }

    /**
     * A Structured Streaming query: its dashboard (status line, recent micro-batches) in one display and its chart
     * (rates, and each batch's time by phase) in a second, updated after each of its batches and when it ends.
     */
    public LiveDisplay query(String slot, String displayId, String chartDisplayId, QueryListener queries,
                             StreamingQuery query, String fallbackName) {
        QueryDashboard dashboard = new QueryDashboard();
        UUID queryId = query.id();
        java.util.concurrent.atomic.AtomicReference<Runnable> redraw = new java.util.concurrent.atomic.AtomicReference<>(() -> {});
        Optional<QueryStateFeed> state = QueryStateReader.of(query)
                .map(reader -> new QueryStateFeed(reader, stateReaders(), () -> redraw.get().run()));
        // The listener hears of the end after stop() returns; the query itself knows at once.
        Supplier<QueryStatus> status = () -> queries.status(queryId).orElseGet(() -> new QueryStatus(queryId, fallbackName,
                QueryState.ACTIVE, 0, List.of(), java.util.Optional.empty())).endedIf(!query.isActive(),
                query.exception().isDefined() ? java.util.Optional.of(query.exception().get().getMessage()) : java.util.Optional.empty());
        return withChart(slot, displayId, chartDisplayId,
                () -> dashboard.render(status.get(), state.flatMap(QueryStateFeed::latest)), () -> dashboard.chart(status.get()),
                changed -> {
                    redraw.set(changed);
                    return queries.onChange(q -> {
                        if (!q.id().equals(queryId)) return;
                        if (q.state() != QueryState.ACTIVE) state.ifPresent(QueryStateFeed::queryEnded);
                        changed.run();
                        if (q.latest().map(QueryBatch::stateful).orElse(false)) state.ifPresent(s -> s.batchDone(q));
                    });
                });
    }

    /** The one thread that reads queries' state for their dashboards, made when a first dashboard needs it. */
    private synchronized java.util.concurrent.ScheduledExecutorService stateReaders() {
        if (stateReaders == null) {
            stateReaders = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sparkbook-query-state");
                t.setDaemon(true);
                return t;
            });
        }
        return stateReaders;
    }

    /**
     * A display and its chart in a display of its own (slot + "-chart"), drawn again whenever {@code listen} calls
     * the runnable it is given; the display is shown first, and finishing it finishes the chart and stops listening.
     */
    private LiveDisplay withChart(String slot, String displayId, String chartDisplayId, Supplier<MimeBundle> content,
                                  Supplier<MimeBundle> chartContent, java.util.function.Function<Runnable, Subscription> listen) {
        LiveDisplay live = coalescer.open(slot, displayId).bind(content);
        LiveDisplay chart = coalescer.open(slot + "-chart", chartDisplayId).bind(chartContent);
        Subscription subscription = listen.apply(() -> {
            live.markDirty();
            chart.markDirty();
        });
        live.markDirty();
        live.flush(); // shown before its chart, which the notebook then shows below it
        chart.markDirty();
        live.onFinish(chart::finish);
        live.onFinish(subscription::close); // a replaced display stops listening
        return live;
    }

    /**
     * A streaming Dataset's result, drawn again after each micro-batch; finishing the display stops its query.
     * {@code start} runs once the slot is taken, so the query of the display it replaces has stopped (and its name
     * is free again).
     */
    public LiveDisplay result(String slot, String displayId, String title, java.util.concurrent.Callable<QueryResult> start)
            throws Exception {
        LiveDisplay live = coalescer.open(slot, displayId);
        QueryResult result;
        try {
            result = start.call();
        } catch (Exception e) {
            live.finish();
            throw e;
        }
        live.bind(() -> QueryResultView.render(title, result));
        Subscription subscription = result.onBatch(rows -> live.markDirty());
        live.markDirty();
        live.onFinish(subscription::close);
        live.onFinish(result::stop); // a re-run cell replaces its display, and with it the query behind it
        return live;
    }

    /**
     * Anything the stream changes, drawn again after every batch the session completes: a model it trains, a
     * collection a {@code foreachRDD} fills. A render that throws shows its message in the display.
     */
    public LiveDisplay watch(String slot, String displayId, StreamingSession session, Supplier<MimeBundle> render) {
        LiveDisplay live = coalescer.open(slot, displayId).bind(() -> {
            try {
                return render.get();
            } catch (RuntimeException e) {
                return Bundles.text("watch: the value could not be drawn: " + e);
            }
        });
        Subscription subscription = session.metrics().onBatchCompleted(batch -> live.markDirty());
        live.markDirty();
        live.onFinish(subscription::close);
        return live;
    }

    /** Latest batch rows and recent counts of {@code stream}. */
    private <T> LiveDisplay batches(String slot, String displayId, String name, JavaDStream<T> stream,
                                    long batchIntervalMs, int rows) {
        SharedTaps.requireAttachable(stream); // before a display takes the slot of the one it would replace
        BoundedHistory<TapSample<?>> recent = new BoundedHistory<>(KEEP_BATCHES);
        BatchTableView view = new BatchTableView(name, batchIntervalMs).rows(rows);
        Problem problem = new Problem(batchIntervalMs);
        LiveDisplay live = coalescer.open(slot, displayId).bind(() -> problem.mark(view.render(recent.snapshot())));
        Subscription tapped = taps.subscribe(stream, rows, problem.onSample(live, recent::add), problem.onFailure(live));
        return started(live, tapped);
    }

    /** Window coverage and contents of a windowed stream. */
    private <T> LiveDisplay window(String slot, String displayId, String name, JavaDStream<T> windowed,
                                   WindowSpec spec, int rows) {
        SharedTaps.requireAttachable(windowed);
        WindowView view = new WindowView(name, spec).rows(rows);
        BoundedHistory<TapSample<?>> latest = new BoundedHistory<>(1);
        Problem problem = new Problem(spec.batchMs());
        LiveDisplay live = coalescer.open(slot, displayId).bind(() -> problem.mark(latest.latest()
                .map(window -> view.render(window.batchTimeMs(), window))
                .orElseGet(() -> MimeBundle.text(name + ": waiting for the first window…"))));
        Subscription tapped = taps.subscribe(windowed, rows, problem.onSample(live, latest::add), problem.onFailure(live));
        return started(live, tapped);
    }

    /** Keys in state, top keys (largest values first) and state size over time of a stateful pair stream. */
    private <K, V> LiveDisplay state(String slot, String displayId, String name, JavaPairDStream<K, V> state,
                                     long batchIntervalMs, int topN) {
        SharedTaps.requireAttachable(state.toJavaDStream());
        BoundedHistory<StateSnapshot<?, ?>> history = new BoundedHistory<>(ThroughputChart.DEFAULT_MAX_POINTS);
        StateView view = new StateView(name, batchIntervalMs);
        Problem problem = new Problem(batchIntervalMs);
        LiveDisplay live = coalescer.open(slot, displayId).bind(() -> problem.mark(view.render(history.snapshot())));
        Subscription tapped = taps.subscribeState(state, topN, StateTap.<V>largestFirst(),
                problem.onSample(live, history::add), problem.onFailure(live));
        return started(live, tapped);
    }

    /** A replaced or finished display stops costing a sampling job; until the first batch it says it is waiting. */
    private static LiveDisplay started(LiveDisplay live, Subscription tapped) {
        live.onFinish(tapped::close);
        live.markDirty();
        return live;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static JavaDStream<?> javaStream(Object stream) {
        if (stream instanceof JavaDStream<?> d) return d;
        if (stream instanceof JavaPairDStream<?, ?> p) return p.toJavaDStream();
        if (stream instanceof DStream<?> d) return new JavaDStream(d, scala.reflect.ClassTag$.MODULE$.apply(Object.class));
        throw new IllegalArgumentException("not a stream: " + (stream == null ? "null" : stream.getClass().getName()));
    }

    /**
     * The dashboard and its chart render from one status snapshot: it is rebuilt only when the context's state, its
     * batch counts or its receivers changed since the last one.
     */
    private static final class StatusMemo {
        private final StreamingSession session;
        private List<Object> key = List.of();
        private StreamStatus status;

        StatusMemo(StreamingSession session) {
            this.session = session;
        }

        synchronized StreamStatus get() {
            var metrics = session.metrics();
            List<Object> now = List.of(session.state(), metrics.batches().completedBatches(),
                    metrics.batches().failedBatches(), metrics.receivers().snapshot());
            if (status == null || !now.equals(key)) {
                key = now;
                status = session.status();
            }
            return status;
        }
    }

    /** The last batch a display's tap could not sample, until one is sampled again. */
    private static final class Problem {
        private final long batchIntervalMs;
        private volatile TapFailure failure;

        Problem(long batchIntervalMs) {
            this.batchIntervalMs = batchIntervalMs;
        }

        /** Keeps each sample, clears the problem, and marks the display for an update. */
        <S> Consumer<S> onSample(LiveDisplay live, Consumer<S> keep) {
            return sample -> {
                keep.accept(sample);
                failure = null;
                live.markDirty();
            };
        }

        Consumer<TapFailure> onFailure(LiveDisplay live) {
            return f -> {
                failure = f;
                live.markDirty();
            };
        }

        MimeBundle mark(MimeBundle view) {
            TapFailure f = failure;
            return f == null ? view : Bundles.withProblem(view, "batch " + TimeText.batchTime(f.batchTimeMs(), batchIntervalMs)
                    + " failed: " + f.reason() + " (the stream's own code threw: Spark's error line is in the cell's output)");
        }
    }
}
