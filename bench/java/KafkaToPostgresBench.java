import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kafka010.ConsumerStrategies;
import org.apache.spark.streaming.kafka010.KafkaUtils;
import org.apache.spark.streaming.kafka010.LocationStrategies;
import scala.Tuple2;
import sparkbook.engine.metrics.BatchSnapshot;
import sparkbook.engine.metrics.MetricsListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka → word count → PostgreSQL as a plain Java program. The part between the CELL markers is sent as a notebook
 * cell by bench/kafka_bench.py, so the kernel runs exactly the same pipeline; only where {@code spark}, {@code ssc}
 * and {@code metrics} come from differs, and the settings, which the bench defines in a cell before it.
 * usage: java -DmaxRatePerPartition=N ... KafkaToPostgresBench brokers topic records jdbcUrl user password latencyTopic
 * The topic holds {@code records} lines already; spark.streaming.kafka.maxRatePerPartition cuts them into batches.
 * Then, second section: each record of {@code latencyTopic} (its produce time in ms, written by the bench as it
 * produces) becomes a row of the table {@code latency}, whose {@code written} column PostgreSQL fills: the bench
 * reads produce-to-row latencies from there. The program ends when its stdin does.
 */
public final class KafkaToPostgresBench {
    public static void main(String[] args) throws Exception {
        String brokers = args[0], topic = args[1];
        long records = Long.parseLong(args[2]);
        String url = args[3], latencyTopic = args[6];
        Properties props = new Properties();
        props.put("user", args[4]);
        props.put("password", args[5]);
        SparkConf conf = new SparkConf().setMaster("local[*]").setAppName("bench")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.streaming.kafka.maxRatePerPartition", System.getProperty("maxRatePerPartition"))
                // as the notebook's local[*] session has it: two shuffle partitions per core
                .set("spark.sql.shuffle.partitions", String.valueOf(2 * Runtime.getRuntime().availableProcessors()));
        JavaSparkContext sc = new JavaSparkContext(conf);
        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        JavaStreamingContext ssc = new JavaStreamingContext(sc, Durations.seconds(1));
        MetricsListener metrics = new MetricsListener(1000);
        ssc.addStreamingListener(metrics);
        // CELL-BEGIN
        Map<String, Object> params = Map.of("bootstrap.servers", brokers, "group.id", "bench-" + System.nanoTime(),
                "auto.offset.reset", "earliest", "key.deserializer", StringDeserializer.class,
                "value.deserializer", StringDeserializer.class);
        StructType schema = new StructType().add("word", DataTypes.StringType).add("n", DataTypes.IntegerType)
                .add("batch_ms", DataTypes.LongType);
        JavaPairDStream<String, Integer> counts = KafkaUtils.<String, String>createDirectStream(ssc,
                        LocationStrategies.PreferConsistent(), ConsumerStrategies.Subscribe(List.of(topic), params))
                .map(ConsumerRecord::value)
                .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
                .mapToPair(w -> new Tuple2<>(w, 1))
                .reduceByKey(Integer::sum);
        counts.foreachRDD((rdd, time) -> {
            Dataset<Row> rows = spark.createDataFrame(rdd.map(t -> RowFactory.create(t._1(), t._2(), time.milliseconds())), schema);
            rows.write().mode("append").jdbc(url, "word_counts", props);
        });
        ssc.start();
        long seen = 0;
        while (seen < records) {
            ssc.awaitTerminationOrTimeout(200);
            seen = metrics.batches().snapshot().stream().filter(b -> b.processingTimeMs().isPresent())
                    .mapToLong(BatchSnapshot::totalRecords).sum();
        }
        List<Long> perSecond = new ArrayList<>();
        List<BatchSnapshot> done = metrics.batches().snapshot().stream()
                .filter(b -> b.totalRecords() > 0 && b.processingTimeMs().isPresent()).toList();
        for (BatchSnapshot b : done.subList(Math.min(2, done.size() - 1), done.size() - 1)) { // warm-up and the tail out
            perSecond.add(b.totalRecords() * 1000 / Math.max(1, b.processingTimeMs().getAsLong()));
        }
        perSecond.sort(null);
        System.out.println("RESULT records_per_s=" + perSecond.get(perSecond.size() / 2) + " batches=" + perSecond.size()
                + " records=" + seen);
        ssc.stop(false, false);
        // CELL-END
        ssc = new JavaStreamingContext(sc, Durations.seconds(1));
        // LATENCY-BEGIN
        Map<String, Object> latencyParams = Map.of("bootstrap.servers", brokers, "group.id", "latency-" + System.nanoTime(),
                "auto.offset.reset", "latest", "key.deserializer", StringDeserializer.class,
                "value.deserializer", StringDeserializer.class);
        StructType produced = new StructType().add("produced_ms", DataTypes.LongType);
        KafkaUtils.<String, String>createDirectStream(ssc, LocationStrategies.PreferConsistent(),
                        ConsumerStrategies.Subscribe(List.of(latencyTopic), latencyParams))
                .map(r -> Long.parseLong(r.value()))
                .foreachRDD(rdd -> {
                    if (rdd.isEmpty()) return;
                    spark.createDataFrame(rdd.map(RowFactory::create), produced).write().mode("append").jdbc(url, "latency", props);
                });
        ssc.start();
        System.out.println("LATENCY-READY");
        // LATENCY-END
        while (System.in.read() >= 0) {
            // runs until the bench closes stdin
        }
        ssc.stop(false, false);
        sc.stop();
    }
}
