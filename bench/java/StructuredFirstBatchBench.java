import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import sparkbook.engine.input.LineServer;

import java.util.Arrays;

/**
 * The baseline of structured_bench.py's time to first output: Spark's JavaStructuredNetworkWordCount as a plain
 * program (a LineServer plays {@code nc -lk}), on the kernel's master and shuffle partitions. The bench times the
 * console sink's first "Batch: 0" from the moment it starts this JVM, as it times the same cell in a fresh kernel.
 */
public class StructuredFirstBatchBench {
    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        SparkSession spark = SparkSession.builder().appName("JavaStructuredNetworkWordCount").master("local[*]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(2 * cores)).getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        LineServer server = LineServer.start();
        server.send("to be or not to be");
        // the example, as written (host and port from the LineServer)
        Dataset<Row> lines = spark.readStream().format("socket")
                .option("host", "127.0.0.1").option("port", server.port()).load();
        Dataset<String> words = lines.as(Encoders.STRING())
                .flatMap((FlatMapFunction<String, String>) x -> Arrays.asList(x.split(" ")).iterator(), Encoders.STRING());
        Dataset<Row> wordCounts = words.groupBy("value").count();
        StreamingQuery query = wordCounts.writeStream().outputMode("complete").format("console").start();
        while (query.lastProgress() == null || query.lastProgress().numInputRows() == 0) query.awaitTermination(50);
        query.stop();
        spark.stop();
        server.close();
    }
}
