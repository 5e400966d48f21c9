import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import scala.Tuple2;
import sparkbook.engine.metrics.BatchSnapshot;
import sparkbook.engine.metrics.MetricsListener;
import sparkbook.engine.tap.BatchTap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import java.util.Queue;

/**
 * A queue word count as a plain Java program. The part between the CELL markers is sent as a notebook cell by
 * bench/streaming_bench.py, so the kernel runs exactly the same pipeline; only where {@code sc}, {@code ssc} and
 * {@code metrics} come from differs, and the taps line, which the cell replaces with live displays.
 * usage: java ... QueueWordCountBench [taps]   (taps: how many per-batch taps to attach, as live displays do)
 */
public final class QueueWordCountBench {
    public static void main(String[] args) throws Exception {
        int taps = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[*]").setAppName("bench")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
        JavaStreamingContext ssc = new JavaStreamingContext(sc, Durations.seconds(1));
        MetricsListener metrics = new MetricsListener(1000);
        ssc.addStreamingListener(metrics);
        // CELL-BEGIN
        int batches = 24, linesPerBatch = 150_000;
        List<String> words = List.of("spark", "stream", "batch", "window", "state", "receiver", "queue", "kernel");
        Queue<JavaRDD<String>> queue = new LinkedList<>();
        for (int b = 0; b < batches; b++) {
            List<String> lines = new ArrayList<>(linesPerBatch);
            for (int i = 0; i < linesPerBatch; i++) lines.add(words.get(i % 8) + " " + words.get((i / 8) % 8) + " " + b);
            queue.add(sc.parallelize(lines, 4).cache());
        }
        for (JavaRDD<String> r : queue) r.count(); // materialise the input so batches measure the pipeline only
        JavaDStream<String> lines = ssc.queueStream(queue, true);
        JavaPairDStream<String, Integer> pairs =
                lines.flatMapToPair(l -> Arrays.stream(l.split(" ")).map(w -> new Tuple2<>(w, 1)).iterator());
        JavaPairDStream<String, Integer> counts = pairs.reduceByKey(Integer::sum);
        counts.foreachRDD(rdd -> { rdd.count(); });
        for (int t = 0; t < taps; t++) BatchTap.attach(counts, 10, sample -> { });
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime(); // all threads of this JVM: the batches, and work beside them
        ssc.start();
        while (metrics.batches().completedBatches() < batches) ssc.awaitTerminationOrTimeout(200);
        long cpuMsPerBatch = (os.getProcessCpuTime() - cpuBefore) / 1_000_000 / batches;
        List<Long> proc = new ArrayList<>();
        long maxSchedDelay = 0;
        for (BatchSnapshot b : metrics.batches().snapshot()) {
            if (b.batchTimeMs() <= 0 || !b.processingTimeMs().isPresent()) continue;
            proc.add(b.processingTimeMs().getAsLong());
        }
        List<Long> steady = new ArrayList<>(proc.subList(2, Math.min(batches, proc.size()))); // warm-up batches out
        for (BatchSnapshot b : metrics.batches().snapshot()) maxSchedDelay = Math.max(maxSchedDelay, b.schedulingDelayMs().orElse(0));
        steady.sort(null);
        long median = steady.get(steady.size() / 2);
        System.out.println("RESULT records_per_s=" + (linesPerBatch * 1000L / median) + " median_processing_ms=" + median
                + " max_scheduling_delay_ms=" + maxSchedDelay + " batches=" + steady.size() + " cpu_ms_per_batch=" + cpuMsPerBatch);
        ssc.stop(false, false);
        // CELL-END
        sc.stop();
    }
}
