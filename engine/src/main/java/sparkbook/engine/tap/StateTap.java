package sparkbook.engine.tap;

import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Watches the state of {@code updateStateByKey} / {@code mapWithState(...).stateSnapshots()}:
 * per batch, the number of keys and the top N entries, computed in one pass.
 *
 * <pre>{@code
 * JavaPairDStream<String, Integer> counts = pairs.updateStateByKey(...);
 * StateTap.attach(counts, 5, snapshot -> System.out.println(snapshot.size() + " keys, top " + snapshot.top()));
 * }</pre>
 */
public final class StateTap {
    private StateTap() {
    }

    /** Serializable order on state values (it runs on the executors). */
    public interface ValueOrder<V> extends Comparator<V>, Serializable {
    }

    /**
     * Largest first for values that compare with each other (counts, totals), else by their text: for state whose
     * value type is only known at run time, as in a notebook's display().
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <V> ValueOrder<V> largestFirst() {
        return (a, b) -> a instanceof Comparable && b != null && a.getClass() == b.getClass()
                ? ((Comparable) b).compareTo(a)
                : String.valueOf(b).compareTo(String.valueOf(a));
    }

    /** Top entries by largest value. */
    public static <K, V extends Comparable<? super V>> void attach(JavaPairDStream<K, V> state, int topN,
                                                                   Consumer<StateSnapshot<K, V>> consumer) {
        attach(state, topN, (ValueOrder<V>) (a, b) -> b.compareTo(a), consumer);
    }

    /** Top entries first by {@code order}. */
    public static <K, V> void attach(JavaPairDStream<K, V> state, int topN, ValueOrder<V> order,
                                     Consumer<StateSnapshot<K, V>> consumer) {
        attach(state, (rdd, timeMs) -> consumer.accept(
                combine(rdd.mapPartitions(new TopOfPartition<K, V>(topN, order)).collect(), topN, order, timeMs)));
    }

    /** Where each batch's state goes to be sampled; {@link SharedTaps} samples it beside the batch. */
    @FunctionalInterface
    interface Sink<K, V> {
        void sample(JavaPairRDD<K, V> rdd, long batchTimeMs) throws Exception;
    }

    static <K, V> void attach(JavaPairDStream<K, V> state, Sink<K, V> sink) {
        BatchTap.requireNotStarted(state.context().getState(), "StateTap.attach");
        state.foreachRDD(new StateOutput<>(sink));
    }

    /** One job: each partition's size and its top entries. */
    static <K, V> JavaFutureAction<List<PartitionTop<K, V>>> start(JavaPairRDD<K, V> rdd, int topN, ValueOrder<V> order) {
        return rdd.mapPartitions(new TopOfPartition<K, V>(topN, order)).collectAsync();
    }

    static <K, V> StateSnapshot<K, V> combine(List<PartitionTop<K, V>> parts, int topN, ValueOrder<V> order, long timeMs) {
        long size = 0;
        List<Tuple2<K, V>> all = new ArrayList<>();
        for (PartitionTop<K, V> part : parts) {
            size += part.count();
            all.addAll(part.top());
        }
        all.sort(StateTap.<K, V>entryOrder(order));
        List<Map.Entry<K, V>> top = all.stream().limit(topN)
                .<Map.Entry<K, V>>map(t -> new AbstractMap.SimpleImmutableEntry<>(t._1(), t._2())).toList();
        return new StateSnapshot<>(timeMs, size, top);
    }

    /** By value, then by key text: equal values list in a stable order, batch after batch. */
    static <K, V> Comparator<Tuple2<K, V>> entryOrder(ValueOrder<V> order) {
        return Comparator.<Tuple2<K, V>, V>comparing(Tuple2::_2, order).thenComparing(t -> String.valueOf(t._1()));
    }

    record PartitionTop<K, V>(long count, ArrayList<Tuple2<K, V>> top) implements Serializable {
    }

    private record TopOfPartition<K, V>(int topN, ValueOrder<V> order)
            implements FlatMapFunction<Iterator<Tuple2<K, V>>, PartitionTop<K, V>> {
        @Override
        public Iterator<PartitionTop<K, V>> call(Iterator<Tuple2<K, V>> entries) {
            long count = 0;
            var best = new java.util.PriorityQueue<Tuple2<K, V>>(StateTap.<K, V>entryOrder(order).reversed()); // worst on top
            while (entries.hasNext()) {
                best.add(entries.next());
                if (best.size() > topN) {
                    best.poll();
                }
                count++;
            }
            return List.of(new PartitionTop<>(count, new ArrayList<>(best))).iterator();
        }
    }

    /** Output op; the sink is transient for the same reason as in BatchTap. */
    private static final class StateOutput<K, V> implements VoidFunction2<JavaPairRDD<K, V>, Time> {
        private static final long serialVersionUID = 1L;
        private final transient Sink<K, V> sink;

        StateOutput(Sink<K, V> sink) {
            this.sink = sink;
        }

        @Override
        public void call(JavaPairRDD<K, V> rdd, Time time) throws Exception {
            if (sink != null) sink.sample(rdd, time.milliseconds());
        }
    }
}
