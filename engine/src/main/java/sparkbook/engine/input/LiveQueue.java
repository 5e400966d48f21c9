package sparkbook.engine.input;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A queue input that, unlike {@code ssc.queueStream}, keeps accepting data after start, reports
 * record counts to the batch metrics, and works with checkpointing (so with updateStateByKey).
 * Each batch consumes one pushed item; a batch with nothing queued is empty.
 *
 * <pre>{@code
 * LiveQueue<String> lines = LiveQueue.create(ssc);
 * lines.stream().flatMap(...).print();
 * ssc.start();
 * lines.push(List.of("a b", "b c"));   // becomes the next batch
 * }</pre>
 */
public final class LiveQueue<T> {
    private final JavaSparkContext sc;
    private final ConcurrentLinkedQueue<LiveQueueDStream.QueuedBatch<T>> queue = new ConcurrentLinkedQueue<>();
    private final JavaDStream<T> stream;

    private LiveQueue(JavaStreamingContext ssc) {
        this.sc = ssc.sparkContext();
        ClassTag<T> tag = anyRefTag();
        this.stream = new JavaDStream<>(new LiveQueueDStream<>(ssc.ssc(), tag, queue), tag);
    }

    /** Must be called before {@code ssc.start()}, like any input. */
    public static <T> LiveQueue<T> create(JavaStreamingContext ssc) {
        return new LiveQueue<>(ssc);
    }

    public JavaDStream<T> stream() {
        return stream;
    }

    /** The stream seen as key-value pairs, for a queue of {@code Tuple2}s. */
    @SuppressWarnings("unchecked")
    public <K, V> JavaPairDStream<K, V> pairStream() {
        return JavaPairDStream.fromJavaDStream((JavaDStream<Tuple2<K, V>>) (JavaDStream<?>) stream);
    }

    /** Queues one batch of rows. */
    public LiveQueue<T> push(List<T> rows) {
        int slices = Math.max(1, Math.min(rows.size(), sc.defaultParallelism()));
        queue.add(new LiveQueueDStream.QueuedBatch<>(sc.parallelize(rows, slices).rdd(), rows.size()));
        return this;
    }

    /** Queues one batch given as an RDD; it is counted now (one Spark job) so the metrics can show its size. */
    public LiveQueue<T> push(JavaRDD<T> rdd) {
        queue.add(new LiveQueueDStream.QueuedBatch<>(rdd.rdd(), rdd.count()));
        return this;
    }

    /** Queues several batches, one list each, in order. */
    public LiveQueue<T> pushAll(List<? extends List<T>> batches) {
        batches.forEach(this::push);
        return this;
    }

    /** Items not yet consumed by a batch. */
    public int pending() {
        return queue.size();
    }

    @SuppressWarnings("unchecked")
    static <T> ClassTag<T> anyRefTag() {
        return (ClassTag<T>) ClassTag$.MODULE$.AnyRef();
    }
}
