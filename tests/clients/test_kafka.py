"""Kafka, the first advanced source: Spark's own JavaDirectKafkaWordCount typed into cells as written, against a
broker no kernel started, fed by a producer in a process of its own; then the kernel's own broker (startKafka())
with the live displays. spark-streaming-kafka-0-10 comes with %maven, as a user would add it.
"""
import re
import unittest

from tests.clients.kernel_session import SparkKernelTest
from tests.servers.kafka import KafkaServer

# Spark's examples/src/main/java/org/apache/spark/examples/streaming/JavaDirectKafkaWordCount.java (Spark 4.x),
# without its package line, its license header and its Javadoc.
JAVA_DIRECT_KAFKA_WORD_COUNT = """
import java.util.HashMap;
import java.util.HashSet;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import scala.Tuple2;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.apache.spark.SparkConf;
import org.apache.spark.streaming.api.java.*;
import org.apache.spark.streaming.kafka010.ConsumerStrategies;
import org.apache.spark.streaming.kafka010.KafkaUtils;
import org.apache.spark.streaming.kafka010.LocationStrategies;
import org.apache.spark.streaming.Durations;

public final class JavaDirectKafkaWordCount {
  private static final Pattern SPACE = Pattern.compile(" ");

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("Usage: JavaDirectKafkaWordCount <brokers> <groupId> <topics>\\n" +
                         "  <brokers> is a list of one or more Kafka brokers\\n" +
                         "  <groupId> is a consumer group name to consume from topics\\n" +
                         "  <topics> is a list of one or more kafka topics to consume from\\n\\n");
      System.exit(1);
    }

    StreamingExamples.setStreamingLogLevels();

    String brokers = args[0];
    String groupId = args[1];
    String topics = args[2];

    // Create context with a 2 seconds batch interval
    SparkConf sparkConf = new SparkConf().setAppName("JavaDirectKafkaWordCount");
    JavaStreamingContext jssc = new JavaStreamingContext(sparkConf, Durations.seconds(2));

    Set<String> topicsSet = new HashSet<>(Arrays.asList(topics.split(",")));
    Map<String, Object> kafkaParams = new HashMap<>();
    kafkaParams.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    kafkaParams.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    kafkaParams.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    kafkaParams.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);

    // Create direct kafka stream with brokers and topics
    JavaInputDStream<ConsumerRecord<String, String>> messages = KafkaUtils.createDirectStream(
        jssc,
        LocationStrategies.PreferConsistent(),
        ConsumerStrategies.Subscribe(topicsSet, kafkaParams));

    // Get the lines, split them into words, count the words and print
    JavaDStream<String> lines = messages.map(ConsumerRecord::value);
    JavaDStream<String> words = lines.flatMap(x -> Arrays.asList(SPACE.split(x)).iterator());
    JavaPairDStream<String, Integer> wordCounts = words.mapToPair(s -> new Tuple2<>(s, 1))
        .reduceByKey((i1, i2) -> i1 + i2);
    wordCounts.print();

    // Start the computation
    jssc.start();
    jssc.awaitTermination();
  }
}
"""
COUNT = re.compile(r"^\((\S+),(\d+)\)$", re.M)


def totals(text):
    """The word counts printed by every batch so far, summed."""
    summed = {}
    for word, n in COUNT.findall(text):
        summed[word] = summed.get(word, 0) + int(n)
    return summed


class KafkaTest(SparkKernelTest):
    @classmethod
    def setUpClass(cls):
        cls.kafka = KafkaServer().start()
        super().setUpClass()
        cls.k.run_ok("%maven org.apache.spark:spark-streaming-kafka-0-10_2.13:4.2.0", timeout=300)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.kafka.stop()

    def test_1_java_direct_kafka_word_count_as_written_then_interrupted(self):
        self.run_ok(JAVA_DIRECT_KAFKA_WORD_COUNT)
        msg_id = self.k.submit(f'JavaDirectKafkaWordCount.main(new String[] {{"{self.kafka.bootstrap}", '
                               f'"sparkbook-test", "words"}});')
        # Its consumer starts at the latest offsets: produce once the first (empty) batch has printed.
        self.k.wait_for(msg_id, lambda t: "Time: " in t, timeout=120, what="the first batch")
        self.kafka.produce("words", ["to be or not to be", "to be"])
        expected = {"to": 3, "be": 3, "or": 1, "not": 1}
        text = self.k.wait_for(msg_id, lambda t: totals(t) == expected, timeout=90, what="the word counts")
        self.assertNotIn("Usage:", text)

        self.assert_interrupt_ends(msg_id)
        self.assertEqual(self.k.value("sc.parallelize(List.of(1, 2, 3)).count()"), "3")
        # The interrupt ended the wait, not the stream; nothing but %stream stop can reach the example's context now.
        stopped = self.k.text(self.run_ok("%stream stop"))
        self.assertIn("Stopped the StreamingContext a cell made of its own (JavaDirectKafkaWordCount)", stopped)

    def test_2_the_kernels_own_broker_and_the_live_displays_of_a_kafka_stream(self):
        broker = self.k.value('var kafka = startKafka();\nkafka.createTopic("events", 2);\nkafka.bootstrapServers()',
                              timeout=300)
        self.assertRegex(broker, r"^127\.0\.0\.1:\d+$")
        again = self.run_ok("var kafka = startKafka();")
        self.assertIn("Kafka is already running on " + broker, self.k.text(again))

        self.run_ok("%stream restart")
        msg_id = self.run_ok("""
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.streaming.kafka010.*;
Map<String, Object> params = Map.of("bootstrap.servers", kafka.bootstrapServers(), "group.id", "displays",
        "auto.offset.reset", "earliest",
        "key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class,
        "value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class);
JavaDStream<String> events = KafkaUtils.<String, String>createDirectStream(ssc, LocationStrategies.PreferConsistent(),
        ConsumerStrategies.Subscribe(List.of("events"), params)).map(ConsumerRecord::value);
display(events);
display(ssc);
ssc.start();
kafka.produce("events", "a", "b", "c", "d", "e");
""", timeout=120)
        shown = self.k.messages(msg_id, "display_data")
        self.assertEqual(len(shown), 3, self.k.text(msg_id))  # the stream, the dashboard and its chart
        stream_id = shown[0]["content"]["transient"]["display_id"]

        seen = set()

        def shows_all_five(m):
            # the display shows each batch's records: five records produced at once may straddle two batches
            if m["msg_type"] == "update_display_data" and m["content"]["transient"]["display_id"] == stream_id:
                seen.update(x for x in "abcde" if f">{x}<" in m["content"]["data"].get("text/html", ""))
            return seen == set("abcde")

        self.k.wait_for_message(shows_all_five, timeout=90, what="the five records in the stream's display")
        # No receiver: the dashboard's throughput chart counts each batch's records from the direct stream's offsets.
        chart_id = shown[2]["content"]["transient"]["display_id"]

        def records_charted(m):
            vega = m["content"]["data"].get("application/vnd.vegalite.v5+json", {})
            rates = [row["rate"] for panel in vega.get("vconcat", [])
                     for row in panel.get("data", {}).get("values", []) if "rate" in row]
            return round(sum(rates))  # 1 s batches: a batch's rate is its record count

        chart = self.k.wait_for_message(
            lambda m: m["msg_type"] == "update_display_data" and m["content"]["transient"]["display_id"] == chart_id
            and records_charted(m) == 5, timeout=90, what="5 input records in the dashboard's chart")
        inputs = {row["input"] for panel in chart["content"]["data"]["application/vnd.vegalite.v5+json"]["vconcat"]
                  for row in panel.get("data", {}).get("values", []) if "input" in row}
        self.assertEqual(len(inputs), 1, inputs)
        self.assertRegex(inputs.pop(), r"^Kafka 0\.10 direct stream \[\d+\]$", "the input is named as Spark names it")
        self.run_ok("%stream stop")


if __name__ == "__main__":
    unittest.main()
