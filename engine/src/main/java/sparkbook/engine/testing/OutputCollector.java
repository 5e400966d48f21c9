package sparkbook.engine.testing;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.streaming.Time;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Output operation that collects each batch's rows to the driver, by batch time. The map is
 * transient: checkpointing serializes the graph (and this function) without it.
 */
final class OutputCollector<U> implements VoidFunction2<JavaRDD<U>, Time> {
    private static final long serialVersionUID = 1L;
    private final transient Map<Long, List<U>> byBatchTime = new ConcurrentHashMap<>();

    @Override
    public void call(JavaRDD<U> rdd, Time time) {
        byBatchTime.put(time.milliseconds(), new ArrayList<>(rdd.collect()));
    }

    /** The rows of a batch; empty when the stream produced nothing at that time (e.g. between window slides). */
    List<U> rowsAt(long batchTimeMs) {
        return byBatchTime.getOrDefault(batchTimeMs, List.of());
    }
}
