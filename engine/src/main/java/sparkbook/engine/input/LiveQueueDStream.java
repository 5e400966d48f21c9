package sparkbook.engine.input;

import org.apache.spark.rdd.RDD;
import org.apache.spark.streaming.SparkbookStreamingAccess;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.dstream.InputDStream;
import scala.Option;
import scala.reflect.ClassTag;

import java.util.Queue;

/**
 * The DStream behind {@link LiveQueue}: each batch takes the next queued RDD, or an empty one.
 *
 * <p>Checkpointing serializes the DStream graph; the queue is transient so the graph serializes
 * without it (Spark's own queueStream refuses checkpointing because it serializes its queue). A
 * graph restored from a checkpoint has no queue and yields empty batches.
 */
final class LiveQueueDStream<T> extends InputDStream<T> {
    private final ClassTag<T> tag;
    private final transient Queue<QueuedBatch<T>> queue;

    LiveQueueDStream(StreamingContext ssc, ClassTag<T> tag, Queue<QueuedBatch<T>> queue) {
        super(ssc, tag);
        this.tag = tag;
        this.queue = queue;
    }

    @Override
    public void start() {
        // nothing to open: data arrives through the driver-side queue
    }

    @Override
    public void stop() {
        // nothing to close
    }

    @Override
    public Option<RDD<T>> compute(Time validTime) {
        QueuedBatch<T> next = queue == null ? null : queue.poll();
        RDD<T> rdd = next == null ? ssc().sparkContext().emptyRDD(tag) : next.rdd();
        SparkbookStreamingAccess.reportInput(ssc(), validTime, id(), next == null ? 0 : next.records(), "LiveQueue");
        return Option.apply(rdd);
    }

    /** One batch's data and its known record count (reported to the batch metrics). */
    record QueuedBatch<T>(RDD<T> rdd, long records) {
    }
}
