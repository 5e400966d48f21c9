package sparkbook.engine.tap;

import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.dstream.DStream;
import scala.Tuple2;
import sparkbook.engine.metrics.Subscription;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Batch taps for live displays. However many displays show one stream, each of its batches is sampled by one Spark
 * job, with as many rows as the most demanding display asked for; each display gets its own share, and a stream
 * whose displays have all unsubscribed is not sampled at all.
 *
 * <p>The sampling job runs beside the batch rather than inside it: the tap's output operation submits it and returns,
 * and one delivery thread hands the samples to the displays in batch order. So a display does not add its job's
 * latency to the batch's processing time, the very figure the dashboard shows. Each tapped stream has at most
 * {@value #MAX_IN_FLIGHT} samples in flight; a batch that finds its stream's all busy is not sampled
 * ({@link #skipped()}), which keeps memory bounded when the machine cannot keep up, without one busy stream starving
 * the displays of others. {@link #awaitDelivered} waits for what is in flight (before a final
 * render, or after stepping a manual clock).
 *
 * <pre>{@code
 * SharedTaps taps = new SharedTaps();
 * BoundedHistory<TapSample<?>> recent = new BoundedHistory<>(16);
 * AtomicLong records = new AtomicLong();
 * Subscription table = taps.subscribe(counts, 10, recent::add);
 * Subscription total = taps.subscribe(counts, 0, sample -> records.addAndGet(sample.count()));   // same job
 * ssc.start(); ...
 * taps.awaitDelivered(Duration.ofSeconds(5));
 * }</pre>
 *
 * Streams are held weakly: a rebuilt pipeline's old streams, and their taps, go with it.
 */
public final class SharedTaps {
    static final int MAX_IN_FLIGHT = 3;

    private final Map<DStream<?>, Feed<?>> feeds = new WeakHashMap<>(); // DStream has identity equality
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sparkbook-tap-delivery");
        t.setDaemon(true);
        return t;
    });
    private final Object progress = new Object();
    private int inFlight;
    private long samplesTaken;
    private long skipped;
    private long failed;

    /** Throws the "attach before ssc.start()" explanation if {@code stream}'s context has started. */
    public static void requireAttachable(JavaDStream<?> stream) {
        BatchTap.requireNotStarted(stream.context().getState(), "display(stream)");
    }

    /** Subscribes before {@code ssc.start()}; the first subscription to a stream adds its one output operation. */
    public <T> Subscription subscribe(JavaDStream<T> stream, int maxRows, Consumer<TapSample<T>> consumer) {
        return subscribe(stream, maxRows, consumer, failure -> { });
    }

    /** The same, also told of each batch that could not be sampled (its computation threw). */
    @SuppressWarnings("unchecked")
    public synchronized <T> Subscription subscribe(JavaDStream<T> stream, int maxRows, Consumer<TapSample<T>> consumer,
                                                   Consumer<TapFailure> onFailure) {
        BatchTap.requireRows(maxRows);
        BatchTap.requireNotStarted(stream.context().getState(), "display(stream)");
        Feed<T> feed = (Feed<T>) feeds.get(stream.dstream());
        if (feed == null) {
            feed = new Feed<>();
            BatchTap.attach(stream, feed);
            feeds.put(stream.dstream(), feed);
        }
        return feed.add(new Subscriber<>(maxRows, consumer, onFailure));
    }

    public <K, V> Subscription subscribe(JavaPairDStream<K, V> stream, int maxRows,
                                         Consumer<TapSample<Tuple2<K, V>>> consumer) {
        return subscribe(stream.toJavaDStream(), maxRows, consumer);
    }

    /**
     * Keys in state, and the top {@code topN} by {@code order}, after each batch of a stateful stream, sampled beside
     * the batch like the others (one subscriber per call: state views differ in their order and size).
     */
    public <K, V> Subscription subscribeState(JavaPairDStream<K, V> state, int topN, StateTap.ValueOrder<V> order,
                                              Consumer<StateSnapshot<K, V>> consumer, Consumer<TapFailure> onFailure) {
        BatchTap.requireRows(topN);
        BatchTap.requireNotStarted(state.context().getState(), "display(stream)");
        var subscribed = new AtomicBoolean(true);
        var pending = new AtomicInteger();
        StateTap.attach(state, (rdd, timeMs) -> {
            if (subscribed.get()) {
                submit(pending, timeMs, () -> StateTap.start(rdd, topN, order),
                        parts -> StateTap.combine(parts, topN, order, timeMs),
                        snapshot -> {
                            if (subscribed.get()) consumer.accept(snapshot);
                        },
                        failure -> {
                            if (subscribed.get()) onFailure.accept(failure);
                        });
            }
        });
        return () -> subscribed.set(false);
    }

    /**
     * Runs one sampling job beside the batch: submitted here, on the batch's job thread, and its result combined and
     * delivered on the delivery thread, in submission order.
     */
    private <P, S> void submit(AtomicInteger streamInFlight, long batchTimeMs,
                               Supplier<JavaFutureAction<List<P>>> start,
                               Function<List<P>, S> combine, Consumer<S> deliver,
                               Consumer<TapFailure> onFailure) {
        if (!reserve(streamInFlight)) return;
        JavaFutureAction<List<P>> job;
        try {
            job = start.get();
        } catch (RuntimeException e) {
            settle(streamInFlight, false);
            throw e;
        }
        delivery.execute(() -> {
            boolean delivered = false;
            try {
                deliver.accept(combine.apply(job.get()));
                delivered = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | RuntimeException e) {
                TapFailure failure = TapFailure.of(batchTimeMs, e); // null: cancelled, as an interrupted cell does
                if (failure != null) onFailure.accept(failure);
            } finally {
                settle(streamInFlight, delivered);
            }
        });
    }

    /** Waits until every sample submitted so far has been delivered (or failed); false if that took too long. */
    public boolean awaitDelivered(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return true;
        }
    }

    /** Samples delivered so far, over all streams: one per tapped stream per batch with a subscriber. */
    public long samplesTaken() {
        synchronized (progress) {
            return samplesTaken;
        }
    }

    /** Batches not sampled because {@value #MAX_IN_FLIGHT} samples of their stream were still in flight. */
    public long skipped() {
        synchronized (progress) {
            return skipped;
        }
    }

    /** Sampling jobs that failed (cancelled by an interrupt, or their batch's data gone). */
    public long failed() {
        synchronized (progress) {
            return failed;
        }
    }

    private boolean reserve(AtomicInteger streamInFlight) {
        synchronized (progress) {
            if (streamInFlight.get() >= MAX_IN_FLIGHT) {
                skipped++;
                return false;
            }
            streamInFlight.incrementAndGet();
            inFlight++;
            return true;
        }
    }

    private void settle(AtomicInteger streamInFlight, boolean delivered) {
        synchronized (progress) {
            streamInFlight.decrementAndGet();
            inFlight--;
            if (delivered) samplesTaken++;
            else failed++;
            progress.notifyAll();
        }
    }

    /** A class, not a record: two displays with equal settings are still two subscriptions. */
    private static final class Subscriber<T> {
        private final int maxRows;
        private final Consumer<TapSample<T>> consumer;
        private final Consumer<TapFailure> onFailure;

        Subscriber(int maxRows, Consumer<TapSample<T>> consumer, Consumer<TapFailure> onFailure) {
            this.maxRows = maxRows;
            this.consumer = consumer;
            this.onFailure = onFailure;
        }

        int maxRows() {
            return maxRows;
        }

        void deliver(TapSample<T> sample) {
            if (sample.rows().size() <= maxRows) {
                consumer.accept(sample);
            } else {
                List<T> rows = sample.rows().subList(0, maxRows);
                consumer.accept(new TapSample<>(sample.batchTimeMs(), sample.count(), rows, true));
            }
        }
    }

    private final class Feed<T> implements BatchTap.Sink<T> {
        private final List<Subscriber<T>> subscribers = new CopyOnWriteArrayList<>();
        private final AtomicInteger pending = new AtomicInteger();

        Subscription add(Subscriber<T> s) {
            subscribers.add(s);
            return () -> subscribers.remove(s);
        }

        @Override
        public int maxRows() {
            return subscribers.stream().mapToInt(Subscriber::maxRows).max().orElse(0);
        }

        @Override
        public boolean wanted() {
            return !subscribers.isEmpty();
        }

        /** Runs on the batch's job thread: submit and return. */
        @Override
        public void sample(JavaRDD<T> rdd, long batchTimeMs) {
            int rows = maxRows();
            submit(pending, batchTimeMs, () -> PartitionSample.start(rdd, rows),
                    parts -> PartitionSample.combine(parts, rows, batchTimeMs), this,
                    failure -> subscribers.forEach(s -> s.onFailure.accept(failure)));
        }

        @Override
        public void accept(TapSample<T> sample) {
            for (Subscriber<T> s : subscribers) s.deliver(sample);
        }
    }
}
