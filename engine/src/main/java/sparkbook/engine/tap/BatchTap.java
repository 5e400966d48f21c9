package sparkbook.engine.tap;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.streaming.StreamingContextState;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.dstream.ShuffledDStream;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.util.function.Consumer;

/**
 * Shows what flows through a stream: for each batch, the row count and the first rows, delivered
 * on the driver to a consumer (the display). Adds one output operation, so attach before start.
 *
 * <pre>{@code
 * BatchTap.attach(words, 5, sample -> System.out.println(sample.count() + " " + sample.rows()));
 * }</pre>
 *
 * The consumer runs on Spark's job thread for the batch: keep it quick.
 */
public final class BatchTap {
    private BatchTap() {
    }

    public static <T> void attach(JavaDStream<T> stream, int maxRows, Consumer<TapSample<T>> consumer) {
        requireRows(maxRows);
        attach(stream, new Sink<T>() {
            @Override
            public int maxRows() {
                return maxRows;
            }

            @Override
            public void accept(TapSample<T> sample) {
                consumer.accept(sample);
            }
        });
    }

    /** Where samples go; {@link SharedTaps} fans one sample out to every display of a stream. */
    interface Sink<T> extends Consumer<TapSample<T>> {
        int maxRows();

        /** False while nobody is watching: the batch is not sampled at all. */
        default boolean wanted() {
            return true;
        }

        /** Samples one batch; by default at once, in the batch's own output operation. */
        default void sample(JavaRDD<T> rdd, long batchTimeMs) {
            accept(PartitionSample.sample(rdd, maxRows(), batchTimeMs));
        }
    }

    static <T> void attach(JavaDStream<T> stream, Sink<T> sink) {
        requireNotStarted(stream.context().getState(), "BatchTap.attach");
        // A tap is a second pass over each batch of the stream. A shuffle's output (reduceByKey, groupByKey...) is
        // kept in memory for it, as rdd.cache() would: re-reading it means fetching and reducing the shuffle again,
        // and such outputs are usually small. Other streams are recomputed by the tap: materialising a large narrow
        // stream (a flatMap of every line) in memory cost more than computing it again (bench/README.md). A level
        // the user chose is left alone (Spark refuses to change an RDD's level).
        if (stream.dstream() instanceof ShuffledDStream<?, ?, ?> && stream.dstream().storageLevel().equals(StorageLevel.NONE())) {
            stream.persist(StorageLevel.MEMORY_ONLY());
        }
        stream.foreachRDD(new SampleOutput<>(sink));
    }

    static void requireRows(int maxRows) {
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must be >= 0, got " + maxRows);
        }
    }

    public static <K, V> void attach(JavaPairDStream<K, V> stream, int maxRows, Consumer<TapSample<Tuple2<K, V>>> consumer) {
        attach(stream.toJavaDStream(), maxRows, consumer);
    }

    static void requireNotStarted(StreamingContextState state, String what) {
        if (state != StreamingContextState.INITIALIZED) {
            throw new IllegalStateException(what + " must be called before ssc.start(): the pipeline is fixed once "
                    + "the context is " + state + ". Rebuild it — re-run the cell with %%stream or call session.renew() — "
                    + "and attach the tap while defining the pipeline.");
        }
    }

    /**
     * The output operation. Checkpointing serializes it with the DStream graph, so the sink
     * (a driver-side object, often not serializable) is transient: the live graph keeps it, the
     * checkpoint copy does not. This is why no registry is needed.
     */
    private static final class SampleOutput<T> implements VoidFunction2<JavaRDD<T>, Time> {
        private static final long serialVersionUID = 1L;
        private final transient Sink<T> sink;

        SampleOutput(Sink<T> sink) {
            this.sink = sink;
        }

        @Override
        public void call(JavaRDD<T> rdd, Time time) {
            if (sink != null && sink.wanted()) {
                sink.sample(rdd, time.milliseconds());
            }
        }
    }
}
