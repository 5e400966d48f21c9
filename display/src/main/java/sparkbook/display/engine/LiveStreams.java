package sparkbook.display.engine;

import sparkbook.display.MimeBundle;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import sparkbook.display.Bundles;
import sparkbook.display.live.LiveDisplay;
import sparkbook.display.live.UpdateCoalescer;
import sparkbook.display.stream.BatchTableView;
import sparkbook.display.stream.StateInfo;
import sparkbook.display.stream.StateView;
import sparkbook.display.stream.StreamCheckView;
import sparkbook.display.stream.StreamDashboard;
import sparkbook.display.stream.StreamStatus;
import sparkbook.display.stream.TapBatch;
import sparkbook.display.stream.TimeText;
import sparkbook.display.stream.WindowView;
import sparkbook.engine.api.StreamingSession;
import sparkbook.engine.metrics.Subscription;
import sparkbook.engine.tap.SharedTaps;
import sparkbook.engine.tap.TapFailure;
import sparkbook.engine.tap.StateTap;
import sparkbook.engine.testing.StreamCheckReport;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The kernel's entry point for live stream displays: wires engine taps and the metrics listener to
 * coalesced {@link LiveDisplay}s. Taps add output operations, so call these before {@code ssc.start()}.
 * Each method returns the display; {@link LiveDisplay#finish()} it when the context stops.
 */
public final class LiveStreams {
    /** Batches kept per tapped stream for the history table. */
    static final int KEEP_BATCHES = 16;

    private final UpdateCoalescer coalescer;
    /** Several displays of one stream share its sampling job. */
    private final SharedTaps taps = new SharedTaps();

    public LiveStreams(UpdateCoalescer coalescer) {
        this.coalescer = coalescer;
    }

    /** Latest batch rows and recent counts of {@code stream}. */
    public <T> LiveDisplay batches(String slot, String displayId, String name, JavaDStream<T> stream,
                                   long batchIntervalMs, int rows) {
        SharedTaps.requireAttachable(stream); // before a display takes the slot of the one it would replace
        Recent<TapBatch> recent = new Recent<>(KEEP_BATCHES);
        BatchTableView view = new BatchTableView(name, batchIntervalMs).rows(rows);
        Problem problem = new Problem(batchIntervalMs);
        LiveDisplay live = coalescer.open(slot, displayId).bind(() -> problem.mark(view.render(recent.list())));
        Subscription tapped = taps.subscribe(stream, rows,
                problem.onSample(live, sample -> recent.add(EngineViews.tap(sample))), problem.onFailure(live));
        return started(live, tapped);
    }

    /** A replaced or finished display stops costing a sampling job; until the first batch it says it is waiting. */
    private static LiveDisplay started(LiveDisplay live, Subscription tapped) {
        live.onFinish(tapped::close);
        live.markDirty();
        return live;
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

    /** Window coverage and contents of an already windowed stream. */
    public <T> LiveDisplay window(String slot, String displayId, String name, JavaDStream<T> windowed,
                                  sparkbook.engine.tap.WindowSpec spec, int rows) {
        SharedTaps.requireAttachable(windowed);
        WindowView view = new WindowView(name, EngineViews.window(spec)).rows(rows);
        Recent<TapBatch> latest = new Recent<>(1);
        Problem problem = new Problem(spec.batchMs());
        LiveDisplay live = coalescer.open(slot, displayId).bind(() -> {
            List<TapBatch> l = latest.list();
            return problem.mark(l.isEmpty() ? MimeBundle.text(name + ": waiting for the first window…")
                    : view.render(l.get(0).batchTimeMs(), l.get(0)));
        });
        Subscription tapped = taps.subscribe(windowed, rows,
                problem.onSample(live, sample -> latest.add(EngineViews.tap(sample))), problem.onFailure(live));
        return started(live, tapped);
    }

    /** Keys in state, top keys and state size over time of a stateful pair stream. */
    public <K, V extends Comparable<? super V>> LiveDisplay state(String slot, String displayId, String name,
                                                                  JavaPairDStream<K, V> state, long batchIntervalMs, int topN) {
        return state(slot, displayId, name, state, batchIntervalMs, topN, (StateTap.ValueOrder<V>) (a, b) -> b.compareTo(a));
    }

    /** The same, for state whose values are ordered by {@code order} (top keys first). */
    public <K, V> LiveDisplay state(String slot, String displayId, String name, JavaPairDStream<K, V> state,
                                    long batchIntervalMs, int topN, StateTap.ValueOrder<V> order) {
        SharedTaps.requireAttachable(state.toJavaDStream());
        Recent<StateInfo> history = new Recent<>(sparkbook.display.stream.ThroughputChart.DEFAULT_MAX_POINTS);
        StateView view = new StateView(name, batchIntervalMs);
        Problem problem = new Problem(batchIntervalMs);
        LiveDisplay live = coalescer.open(slot, displayId).bind(() -> problem.mark(view.render(history.list())));
        Subscription tapped = taps.subscribeState(state, topN, order,
                problem.onSample(live, snapshot -> history.add(EngineViews.state(snapshot))), problem.onFailure(live));
        return started(live, tapped);
    }

    /**
     * The whole StreamingContext: status line, recent batches and receivers in one display, the throughput chart in
     * a second one ({@code chartDisplayId}, SVG and Vega-Lite without HTML, so JupyterLab shows the Vega-Lite).
     */
    public LiveDisplay dashboard(String slot, String displayId, String chartDisplayId, StreamingSession session) {
        StreamDashboard dashboard = new StreamDashboard();
        StatusMemo status = new StatusMemo(session);
        LiveDisplay live = coalescer.open(slot, displayId).bind(() -> dashboard.render(status.get(), false));
        LiveDisplay chart = coalescer.open(slot + "-chart", chartDisplayId).bind(() -> dashboard.chart(status.get()));
        Subscription subscription = session.metrics().onBatchCompleted(batch -> {
            live.markDirty();
            chart.markDirty();
        });
        live.markDirty();
        chart.markDirty();
        live.onFinish(chart::finish);
        return new Unsubscribing(live, subscription).display();
    }

    /** A finished stream check, as a one-off bundle (not live). */
    public static MimeBundle check(String name, StreamCheckReport report) {
        return StreamCheckView.render(EngineViews.check(name, report), report.batchIntervalMs());
    }

    /** Stops listening once the display is finished, so a replaced dashboard costs nothing. */
    private record Unsubscribing(LiveDisplay live, Subscription subscription) {
        LiveDisplay display() {
            live.onFinish(subscription::close);
            return live;
        }
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
                status = EngineViews.status(session);
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

    /** A small bounded list written by Spark's job thread and read by the display thread. */
    private static final class Recent<T> {
        private final int capacity;
        private final Deque<T> items = new ArrayDeque<>();

        Recent(int capacity) {
            this.capacity = capacity;
        }

        synchronized void add(T item) {
            items.addLast(item);
            while (items.size() > capacity) items.removeFirst();
        }

        synchronized List<T> list() {
            return new ArrayList<>(items);
        }
    }
}
