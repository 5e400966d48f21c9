import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;
import sparkbook.engine.testing.StreamCheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How long a 10-batch word-count stream check takes with the SparkContext up, against a baseline in the same
 * process: the same word count run as 10 plain RDD jobs (what the check cannot go below).
 */
public final class StreamCheckBench {
    public static void main(String[] args) {
        JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("check-bench")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
        List<List<String>> input = new ArrayList<>();
        List<List<Tuple2<String, Integer>>> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            input.add(List.of("a b a", "c"));
            expected.add(List.of(new Tuple2<>("a", 2), new Tuple2<>("b", 1), new Tuple2<>("c", 1)));
        }
        StreamCheck check = StreamCheck.on(sc);
        for (int run = 1; run <= 6; run++) {
            long t0 = System.nanoTime();
            check.check(input, StreamCheckBench::wordCount, expected).assertPassed();
            long checkMs = (System.nanoTime() - t0) / 1_000_000;
            t0 = System.nanoTime();
            for (List<String> batch : input) {
                sc.parallelize(batch).flatMap(l -> Arrays.asList(l.split(" ")).iterator())
                        .mapToPair(w -> new Tuple2<>(w, 1)).reduceByKey(Integer::sum).collect();
            }
            long baseMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("run %d: 10-batch word-count check %d ms; the same 10 batches as plain RDD jobs %d ms; ratio %.2f%n",
                    run, checkMs, baseMs, (double) checkMs / baseMs);
        }
        sc.stop();
    }

    static JavaPairDStream<String, Integer> wordCount(JavaDStream<String> lines) {
        return lines.flatMap(l -> Arrays.asList(l.split(" ")).iterator()).mapToPair(w -> new Tuple2<>(w, 1)).reduceByKey(Integer::sum);
    }
}
