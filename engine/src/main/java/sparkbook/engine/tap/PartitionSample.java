package sparkbook.engine.tap;

import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Count and first rows of one partition, so a batch is sampled in a single pass (one job). */
record PartitionSample<T>(long count, ArrayList<T> head) implements Serializable {

    static <T> TapSample<T> sample(JavaRDD<T> rdd, int maxRows, long batchTimeMs) {
        return combine(rdd.mapPartitions(new Take<T>(maxRows)).collect(), maxRows, batchTimeMs);
    }

    /** The same job, submitted without waiting for it; {@link #combine} its result. */
    static <T> JavaFutureAction<List<PartitionSample<T>>> start(JavaRDD<T> rdd, int maxRows) {
        return rdd.mapPartitions(new Take<T>(maxRows)).collectAsync();
    }

    static <T> TapSample<T> combine(List<PartitionSample<T>> parts, int maxRows, long batchTimeMs) {
        long count = 0;
        List<T> rows = new ArrayList<>();
        for (PartitionSample<T> part : parts) {
            count += part.count();
            for (T row : part.head()) {
                if (rows.size() < maxRows) {
                    rows.add(row);
                }
            }
        }
        return new TapSample<>(batchTimeMs, count, rows, count > rows.size());
    }

    private record Take<T>(int maxRows) implements FlatMapFunction<Iterator<T>, PartitionSample<T>> {
        @Override
        public Iterator<PartitionSample<T>> call(Iterator<T> rows) {
            long count = 0;
            ArrayList<T> head = new ArrayList<>();
            while (rows.hasNext()) {
                T row = rows.next();
                if (head.size() < maxRows) {
                    head.add(row);
                }
                count++;
            }
            return List.of(new PartitionSample<>(count, head)).iterator();
        }
    }
}
