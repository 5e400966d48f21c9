package sparkbook.engine.tap;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.dstream.DStream;
import scala.Tuple2;
import sparkbook.engine.metrics.Subscription;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Batch taps shared per stream: however many displays show one stream, each of its batches is sampled by one
 * Spark job, with as many rows as the most demanding display asked for; each display gets its own share. A
 * stream whose displays have all unsubscribed is not sampled at all.
 *
 * <pre>{@code
 * SharedTaps taps = new SharedTaps();
 * Subscription table = taps.subscribe(counts, 10, sample -> tableView.show(sample));
 * Subscription chart = taps.subscribe(counts, 0, sample -> chartView.add(sample.count()));   // same job
 * }</pre>
 *
 * Streams are held weakly: a rebuilt pipeline's old streams, and their taps, go with it.
 */
public final class SharedTaps {
    private final Map<DStream<?>, Feed<?>> feeds = new WeakHashMap<>(); // DStream has identity equality
    private final AtomicLong samplesTaken = new AtomicLong();

    /** Subscribes before {@code ssc.start()}; the first subscription to a stream adds its one output operation. */
    @SuppressWarnings("unchecked")
    public synchronized <T> Subscription subscribe(JavaDStream<T> stream, int maxRows, Consumer<TapSample<T>> consumer) {
        BatchTap.requireRows(maxRows);
        BatchTap.requireNotStarted(stream.context().getState(), "display(stream)");
        Feed<T> feed = (Feed<T>) feeds.get(stream.dstream());
        if (feed == null) {
            feed = new Feed<>(samplesTaken);
            BatchTap.attach(stream, feed);
            feeds.put(stream.dstream(), feed);
        }
        return feed.add(new Subscriber<>(maxRows, consumer));
    }

    public synchronized <K, V> Subscription subscribe(JavaPairDStream<K, V> stream, int maxRows,
                                                      Consumer<TapSample<Tuple2<K, V>>> consumer) {
        return subscribe(stream.toJavaDStream(), maxRows, consumer);
    }

    /** Sampling jobs run so far, over all streams: one per tapped stream per batch with a subscriber. */
    public long samplesTaken() {
        return samplesTaken.get();
    }

    /** A class, not a record: two displays with equal settings are still two subscriptions. */
    private static final class Subscriber<T> {
        private final int maxRows;
        private final Consumer<TapSample<T>> consumer;

        Subscriber(int maxRows, Consumer<TapSample<T>> consumer) {
            this.maxRows = maxRows;
            this.consumer = consumer;
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

    private static final class Feed<T> implements BatchTap.Sink<T> {
        private final List<Subscriber<T>> subscribers = new CopyOnWriteArrayList<>();
        private final AtomicLong samplesTaken;

        Feed(AtomicLong samplesTaken) {
            this.samplesTaken = samplesTaken;
        }

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

        @Override
        public void accept(TapSample<T> sample) {
            samplesTaken.incrementAndGet();
            for (Subscriber<T> s : subscribers) s.deliver(sample);
        }
    }
}
