"""Spark's own Java examples pasted into cells as written: their helper call, their own SparkConf and context,
and a notebook whose sc keeps working afterwards without any magic.

The cells follow the patterns of spark/examples/src/main/java/.../streaming (JavaQueueStream,
JavaCustomReceiver, JavaRecoverableNetworkWordCount); the code is written for this test, not copied.
"""
import re
import unittest

from tests.clients.kernel_session import SparkKernelTest

IDENTITY = "System.identityHashCode(sc.sc())"


class SparkExamplesAsWrittenTest(SparkKernelTest):

    def assert_sc_works(self):
        self.assertEqual(self.k.value("sc.parallelize(List.of(1, 2, 3, 4)).map(x -> x * 10).reduce(Integer::sum)"), "100")

    def test_a_dstream_example_with_its_own_context_then_sc_works_in_the_next_cell(self):
        msg_id = self.run_ok("""
StreamingExamples.setStreamingLogLevels();
SparkConf sparkConf = new SparkConf().setAppName("QueueStreamAsWritten");
JavaStreamingContext jssc = new JavaStreamingContext(sparkConf, new Duration(500));
Queue<JavaRDD<Integer>> rddQueue = new LinkedList<>();
List<Integer> list = new ArrayList<>();
for (int i = 0; i < 100; i++) list.add(i);
for (int i = 0; i < 2; i++) rddQueue.add(jssc.sparkContext().parallelize(list));
JavaDStream<Long> keys = jssc.queueStream(rddQueue).mapToPair(i -> new Tuple2<>(i % 10, 1)).reduceByKey(Integer::sum).count();
keys.print();
java.util.concurrent.CountDownLatch twoBatches = new java.util.concurrent.CountDownLatch(2);
keys.foreachRDD(rdd -> { if (rdd.first() > 0) twoBatches.countDown(); });
jssc.start();
twoBatches.await();
jssc.stop();
""")
        text = self.k.text(msg_id)
        self.assertIn("creates its own SparkContext", text)
        self.assertRegex(text, r"Time: \d+ ms\n-+\n10\n")
        self.assertNotIn("cannot find symbol", text)
        # No magic in between: the next cell's sc is a live, new one.
        self.assert_sc_works()

    def test_stopping_the_notebooks_own_context_in_every_way_leaves_a_working_sc(self):
        for stop in ["ssc.stop();", "ssc.stop(true);", "spark.stop();", "sc.stop();"]:
            with self.subTest(stop=stop):
                self.run_ok("%stream restart")
                self.run_ok(stop)
                self.assert_sc_works()

    def test_spark_magic_brings_back_a_stopped_context(self):
        self.run_ok("sc.stop();")
        msg_id = self.run_ok("%spark")
        self.assertRegex(self.k.text(msg_id), r"spark\s+4\.\d+\.\d+, UI")
        # what the kernel costs: its JDK, its heap and its resident memory
        self.assertRegex(self.k.text(msg_id), r"jvm\s+\S.* \d+[.+]\S* · heap [\d.]+ [KMG]?B used, [\d.]+ [KMG]?B committed, "
                                              r"[\d.]+ [KMG]?B max · RSS [\d.]+ [KMG]?B")
        self.assertEqual(self.k.value("sc.sc().isStopped()"), "false")

    def test_cells_that_run_no_constructor_leave_the_notebooks_context_running(self):
        before = self.k.value(IDENTITY)
        # A body that does not compile never runs.
        reply, msg_id = self.k.run('SparkConf conf = new SparkConf().setAppName("x"); undefinedCall(conf);')
        self.assertEqual(reply["status"], "error")
        # A class definition: its source builds a SparkConf, but defining it runs nothing.
        msg_id = self.run_ok("""
/**
 * A receiver as the custom-receiver example writes it.
 */
public static class LineReceiver extends org.apache.spark.streaming.receiver.Receiver<String> {
    private final SparkConf conf = new SparkConf();
    public LineReceiver() { super(org.apache.spark.storage.StorageLevel.MEMORY_ONLY()); }
    public void onStart() { store(Later.text()); }
    public void onStop() {}
}
""")
        self.assertIn("Note: class LineReceiver is defined, but cannot be used until", self.k.text(msg_id))
        self.assertNotIn("/**", self.k.text(msg_id))
        # A method that creates a context, as the recoverable example's createContext does.
        self.run_ok("""
JavaStreamingContext createContext(String checkpointDirectory) {
    SparkConf sparkConf = new SparkConf().setAppName("Recoverable");
    JavaStreamingContext ssc = new JavaStreamingContext(sparkConf, Durations.seconds(1));
    ssc.checkpoint(checkpointDirectory);
    return ssc;
}
""")
        self.assertEqual(self.k.value(IDENTITY), before, "sc is the same SparkContext: nothing stopped it")
        self.assertEqual(self.k.value("sc.sc().isStopped()"), "false")


if __name__ == "__main__":
    unittest.main()
