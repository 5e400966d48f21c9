"""Spark's Java streaming examples typed into a notebook, run by the installed sparkbook kernel.

One kernel (so one SparkContext) serves the whole class; every test builds its own pipeline on a fresh ssc
and stops it at the end. The examples follow spark/examples/src/main/java/.../streaming/, with the notebook's
predefined sc and ssc (1 s batches) instead of a hand-made SparkConf, and sparkbook's LineServer and LiveQueue
instead of netcat.
"""
import re
import time
import unittest

from tests.clients.kernel_session import KernelSession

BATCH_HEADER = re.compile(r"-{10,}\nTime: (\d+) ms\n-{10,}\n")


def printed_batches(text):
    """The batches DStream.print() wrote: a list of the lines printed under each 'Time: ... ms' header."""
    parts = BATCH_HEADER.split(text)
    batches = []
    for i in range(2, len(parts), 2):
        body = parts[i].split("\n\n")[0]  # print() ends a batch with an empty line
        batches.append([line for line in body.split("\n") if line and not line.startswith("...")])
    return batches


class SparkStreamingExamplesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.k = KernelSession()
        # The first use of sc waits for Spark to finish starting in the background.
        cls.spark_version = cls.k.value("sc.version()", timeout=180)

    @classmethod
    def tearDownClass(cls):
        cls.k.close()

    def setUp(self):
        self.assertEqual(self.k.run("%stream restart")[0]["status"], "ok")

    def tearDown(self):
        reply, msg_id = self.k.run("%stream stop")
        self.assertEqual(reply["status"], "ok", self.k.text(msg_id))

    def run_ok(self, code, timeout=120):
        reply, msg_id = self.k.run(code, timeout)
        self.assertEqual(reply["status"], "ok", f"{reply.get('ename')}: {reply.get('evalue')}\n{self.k.text(msg_id)}")
        return msg_id

    def run_error(self, code, timeout=120):
        reply, msg_id = self.k.run(code, timeout)
        self.assertEqual(reply["status"], "error", self.k.text(msg_id))
        return reply, msg_id

    def assert_usable(self):
        self.assertEqual(self.k.value("1 + 1"), "2")

    # --- the examples --------------------------------------------------------------------------------------
    def test_queue_stream(self):
        """JavaQueueStream: a queue of RDDs, one per batch, counted by last digit."""
        msg_id = self.run_ok("""
Queue<JavaRDD<Integer>> rddQueue = new LinkedList<>();
List<Integer> list = new ArrayList<>();
for (int i = 0; i < 1000; i++) list.add(i);
for (int i = 0; i < 3; i++) rddQueue.add(sc.parallelize(list));

JavaDStream<Integer> inputStream = ssc.queueStream(rddQueue);
JavaPairDStream<Integer, Integer> mappedStream = inputStream.mapToPair(i -> new Tuple2<>(i % 10, 1));
JavaPairDStream<Integer, Integer> reducedStream = mappedStream.reduceByKey((i1, i2) -> i1 + i2);
reducedStream.print();
ssc.start();
ssc.awaitTerminationOrTimeout(2500);
""")
        text = self.k.wait_for(msg_id, lambda t: sum(1 for b in printed_batches(t) if b) >= 3, what="three batches")
        full = [b for b in printed_batches(text) if b]
        for batch in full[:3]:
            self.assertEqual(sorted(batch), sorted(f"({d},100)" for d in range(10)), text)

    def test_network_word_count(self):
        """JavaNetworkWordCount: words from a socket receiver (LineServer plays `nc -lk`)."""
        msg_id = self.run_ok("""
LineServer server = LineServer.start();
JavaReceiverInputDStream<String> lines = ssc.socketTextStream("127.0.0.1", server.port(), StorageLevels.MEMORY_AND_DISK_SER);
JavaDStream<String> words = lines.flatMap(x -> Arrays.asList(x.split(" ")).iterator());
JavaPairDStream<String, Integer> wordCounts = words.mapToPair(s -> new Tuple2<>(s, 1)).reduceByKey((i1, i2) -> i1 + i2);
wordCounts.print();
ssc.start();
if (!server.awaitConnection(java.time.Duration.ofSeconds(60))) throw new IllegalStateException("no receiver connected");
server.send("to be or not to be");
""")
        text = self.k.wait_for(msg_id, lambda t: any("(be,2)" in b for b in printed_batches(t)), what="(be,2)")
        batch = next(b for b in printed_batches(text) if "(be,2)" in b)
        self.assertEqual(sorted(batch), ["(be,2)", "(not,1)", "(or,1)", "(to,2)"])
        self.run_ok("server.close();")

    def test_stateful_word_count_with_map_with_state(self):
        """JavaStatefulNetworkWordCount: running totals kept by mapWithState rise from batch to batch."""
        msg_id = self.run_ok("""
import org.apache.spark.api.java.function.*;

LiveQueue<String> lines = LiveQueue.create(ssc);
Function3<String, org.apache.spark.api.java.Optional<Integer>, State<Integer>, Tuple2<String, Integer>> mappingFunc =
    (word, one, state) -> {
        int sum = one.orElse(0) + (state.exists() ? state.get() : 0);
        state.update(sum);
        return new Tuple2<>(word, sum);
    };
JavaMapWithStateDStream<String, Integer, Integer, Tuple2<String, Integer>> stateDstream = lines.stream()
    .flatMap(x -> Arrays.asList(x.split(" ")).iterator())
    .mapToPair(s -> new Tuple2<>(s, 1))
    .mapWithState(StateSpec.function(mappingFunc));
stateDstream.stateSnapshots().print();
lines.pushAll(List.of(List.of("spark spark"), List.of("spark"), List.of("spark spark", "spark")));
ssc.start();
""")
        totals = lambda t: [int(m) for b in printed_batches(t) for line in b for m in re.findall(r"^\(spark,(\d+)\)$", line)]
        text = self.k.wait_for(msg_id, lambda t: 6 in totals(t), what="the total to reach 6")
        seen = totals(text)
        distinct = [v for i, v in enumerate(seen) if i == 0 or seen[i - 1] != v]
        self.assertEqual(distinct, [2, 3, 6], text)

    def test_windowed_count_rises_and_falls(self):
        """countByWindow over 3 s sliding by 1 s: counts grow while batches come, then shrink as they leave."""
        msg_id = self.run_ok("""
LiveQueue<String> events = LiveQueue.create(ssc);
JavaDStream<Long> counts = events.stream().countByWindow(Durations.seconds(3), Durations.seconds(1));
counts.print();
events.pushAll(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e", "f")));
ssc.start();
""")
        values = lambda t: [int(b[0]) for b in printed_batches(t) if b]
        fell = lambda vs: 6 in vs and any(v < 6 for v in vs[vs.index(6):])
        text = self.k.wait_for(msg_id, lambda t: fell(values(t)), timeout=60, what="the count to fall after 6")
        vs = values(text)
        peak = vs.index(6)
        self.assertEqual(vs[:peak + 1], sorted(vs[:peak + 1]), f"rising to the peak: {vs}")
        self.assertIn(2, vs[:peak], vs)

    def test_sql_word_count(self):
        """JavaSqlNetworkWordCount: a SparkSession and SQL inside foreachRDD, show() printed in the cell."""
        msg_id = self.run_ok("""
public static class JavaRecord implements java.io.Serializable {
    private String word;
    public String getWord() { return word; }
    public void setWord(String word) { this.word = word; }
}

LiveQueue<String> lines = LiveQueue.create(ssc);
JavaDStream<String> words = lines.stream().flatMap(x -> Arrays.asList(x.split(" ")).iterator());
words.foreachRDD((rdd, time) -> {
    SparkSession spark = SparkSession.builder().config(rdd.context().getConf()).getOrCreate();
    JavaRDD<JavaRecord> rowRDD = rdd.map(word -> {
        JavaRecord record = new JavaRecord();
        record.setWord(word);
        return record;
    });
    Dataset<Row> wordsDataFrame = spark.createDataFrame(rowRDD, JavaRecord.class);
    wordsDataFrame.createOrReplaceTempView("words");
    Dataset<Row> wordCountsDataFrame = spark.sql("select word, count(*) as total from words group by word order by word");
    System.out.println("========= " + time + "=========");
    wordCountsDataFrame.show();
});
lines.push(List.of("to be or not to be"));
ssc.start();
""")
        text = self.k.wait_for(msg_id, lambda t: "|  to|    2|" in t, timeout=90, what="the SQL table")
        table = text[text.index("|word|total|"):]
        self.assertIn("|  be|    2|\n| not|    1|\n|  or|    1|\n|  to|    2|", table)

    def test_failing_lambda_shows_in_the_cell_and_kernel_stays_usable(self):
        msg_id = self.run_ok("""
LiveQueue<Integer> numbers = LiveQueue.create(ssc);
numbers.stream().map(x -> {
    if (x == 3) throw new IllegalArgumentException("bad record " + x);
    return x * 10;
}).print();
numbers.push(List.of(1, 2, 3));
ssc.start();
""")
        failed = re.compile(r"Batch [0-9:.]+ failed in .*")
        text = self.k.wait_for(msg_id, lambda t: failed.search(t), what="the batch failure")
        self.assertIn("bad record 3", failed.search(text).group(0))
        self.assertIn("IllegalArgumentException", text)
        self.assert_usable()

    def test_interrupt_await_termination(self):
        msg_id = self.k.submit("""
LiveQueue<String> ticks = LiveQueue.create(ssc);
ticks.stream().count().print();
ssc.start();
ssc.awaitTermination();
""")
        self.k.wait_for(msg_id, lambda t: len(printed_batches(t)) >= 1, what="the first batch")
        t0 = time.time()
        self.k.km.interrupt_kernel()
        reply = self.k.reply(msg_id, timeout=60)
        elapsed = time.time() - t0
        self.assertEqual(reply["content"]["status"], "error")
        self.assertLess(elapsed, 5.0, "interrupting awaitTermination must end the cell promptly")
        self.k.wait_idle(msg_id)
        self.assert_usable()

    # --- the traps -----------------------------------------------------------------------------------------
    def test_adding_an_operation_after_start_says_what_to_do(self):
        self.run_ok("""
LiveQueue<Integer> q = LiveQueue.create(ssc);
JavaDStream<Integer> nums = q.stream();
nums.print();
ssc.start();
""")
        reply, msg_id = self.run_error("nums.map(x -> x + 1).print();")
        text = self.k.text(msg_id)
        self.assertIn("What to do:", text)
        self.assertIn("after start()", text)
        self.assertIn("%%stream", text)
        self.assert_usable()

    def test_window_not_a_multiple_of_the_batch_interval(self):
        reply, msg_id = self.run_error("""%%stream
LiveQueue<Integer> q = LiveQueue.create(ssc);
q.stream().window(Durations.milliseconds(2500), Durations.seconds(1)).print();
""")
        text = self.k.text(msg_id)
        self.assertIn("must be a multiple of the slide duration", text)
        self.assertIn("What to do:", text)
        self.assertIn("whole multiples of the batch interval", text)
        self.assertIn("The stream was not started", text)

    def test_await_batches_waits_for_batches_and_their_output_lands_in_its_cell(self):
        """awaitBatches(n): the notebook habit for "let it run n batches", instead of a guessed sleep."""
        self.run_ok("""%%stream
LiveQueue<String> letters = LiveQueue.create(ssc);
letters.stream().count().print();
letters.pushAll(List.of(List.of("a", "b"), List.of("c")));""")
        msg_id = self.run_ok("System.out.println(\"waited: \" + awaitBatches(3));\n%stream stop")
        text = self.k.text(msg_id)
        self.assertIn("waited: true", text)
        self.assertGreaterEqual(len(printed_batches(text)), 3, "the batches' print() output belongs to the waiting cell: " + text)

    def test_rerunning_a_stream_cell_rebuilds_the_pipeline(self):
        cell = """%%stream
LiveQueue<String> words = LiveQueue.create(ssc);
words.stream().countByValue().print();
words.push(List.of("again", "again", "once"));
"""
        for run in range(2):
            msg_id = self.run_ok(cell)
            text = self.k.wait_for(msg_id, lambda t: any("(again,2)" in b for b in printed_batches(t)),
                                   what=f"run {run + 1} to count")
            self.assertIn("Streaming: batches every 1000 ms", text)
            self.assertIn("(once,1)", next(b for b in printed_batches(text) if "(again,2)" in b))

    # --- live displays -------------------------------------------------------------------------------------
    def test_display_ssc_is_a_dashboard_with_svg_and_vega_lite(self):
        msg_id = self.run_ok("""
LiveQueue<Integer> q = LiveQueue.create(ssc);
q.stream().count().print();
display(ssc);
q.pushAll(List.of(List.of(1, 2, 3), List.of(4, 5)));
ssc.start();
""")
        shown = self.k.messages(msg_id, "display_data")
        self.assertEqual(len(shown), 2, self.k.text(msg_id))  # the dashboard, then its chart
        dashboard_id, chart_id = (m["content"]["transient"]["display_id"] for m in shown)
        self.assertIn("text/html", shown[0]["content"]["data"])
        # The chart comes with the batches, updated in place as they complete; without HTML, so that JupyterLab
        # (which ranks HTML above Vega-Lite) shows the Vega-Lite and classic Notebook the SVG.
        charts = self.k.wait_for_message(
            lambda m: m["msg_type"] in ("display_data", "update_display_data")
            and m["content"].get("transient", {}).get("display_id") == chart_id
            and {"image/svg+xml", "application/vnd.vegalite.v5+json"} <= set(m["content"]["data"]),
            timeout=60, what="the dashboard's chart")
        self.assertNotIn("text/html", charts["content"]["data"])
        self.assertEqual(charts["parent_header"]["msg_type"], "execute_request")
        self.assertIn("<svg", charts["content"]["data"]["image/svg+xml"])
        vega = charts["content"]["data"]["application/vnd.vegalite.v5+json"]
        self.assertIn("vega-lite/v5", str(vega.get("$schema", "")) if isinstance(vega, dict) else vega)

    def test_display_stream_updates_in_place_across_batches(self):
        msg_id = self.run_ok("""%%stream
LiveQueue<Integer> q = LiveQueue.create(ssc);
JavaDStream<Integer> doubled = q.stream().map(x -> 2 * x);
display(doubled);
q.pushAll(List.of(List.of(1, 2), List.of(3), List.of(4)));
""")
        shown = self.k.messages(msg_id, "display_data")
        self.assertEqual(len(shown), 1, self.k.text(msg_id))
        display_id = shown[0]["content"]["transient"]["display_id"]
        # Updates keep coming while later cells run (under the running cell, as ipykernel sends them) or none do
        # (under the cell that made the display); front ends find the display by its id either way.
        self.assertEqual(self.k.value("\"a later cell\""), "a later cell")
        update = self.k.wait_for_message(
            lambda m: m["msg_type"] == "update_display_data"
            and m["content"]["transient"]["display_id"] == display_id
            and "8" in str(m["content"]["data"]), timeout=60, what="an update showing the batch with 8")
        self.assertEqual(update["parent_header"]["msg_type"], "execute_request")

    def final_text(self, display_id, found, what):
        """Waits for a display or update of display_id whose text/plain satisfies found; returns that text."""
        msg = self.k.wait_for_message(
            lambda m: m["msg_type"] in ("display_data", "update_display_data")
            and m["content"].get("transient", {}).get("display_id") == display_id
            and found(m["content"]["data"].get("text/plain", "")), timeout=60, what=what)
        return msg["content"]

    def test_display_of_a_stateful_stream_shows_keys_in_state_and_top_keys(self):
        msg_id = self.run_ok("""%%stream
LiveQueue<String> words = LiveQueue.create(ssc);
JavaPairDStream<String, Integer> totals = words.stream().mapToPair(w -> new Tuple2<>(w, 1))
    .updateStateByKey((List<Integer> ones, Optional<Integer> total) ->
        Optional.of(total.orElse(0) + ones.size()));
display(totals);
words.pushAll(List.of(List.of("a", "a", "b"), List.of("a", "c")));
""".replace("Optional<", "org.apache.spark.api.java.Optional<").replace("Optional.of", "org.apache.spark.api.java.Optional.of"))
        display_id = self.k.messages(msg_id, "display_data")[0]["content"]["transient"]["display_id"]
        content = self.final_text(display_id, lambda t: "3 keys" in t, "the state to hold a, b and c")
        text = content["data"]["text/plain"]
        # Updates are coalesced: the first view with 3 keys is the second batch's (+1) or, if that one was
        # superseded before it went out, a later one's (unchanged).
        self.assertRegex(text, r"totals · state after batch [0-9:]+: 3 keys \((\+1|unchanged) since the batch before\)")
        rows = re.findall(r"^\|\s*(\S+)\|\s*(\S+)\|$", text, re.M)
        self.assertEqual(rows[:2], [("key", "value"), ("a", "3")], "largest total first:\n" + text)
        self.assertNotIn("window", text)
        self.assertIn("application/vnd.vegalite.v5+json", content["data"], "state size over time is charted")

    def test_display_of_a_windowed_stream_shows_the_batches_its_window_covers(self):
        msg_id = self.run_ok("""%%stream
LiveQueue<String> events = LiveQueue.create(ssc);
JavaDStream<Long> perWindow = events.stream().countByWindow(Durations.seconds(3), Durations.seconds(1));
display(perWindow);
events.pushAll(List.of(List.of("a", "b"), List.of("c")));
""")
        display_id = self.k.messages(msg_id, "display_data")[0]["content"]["transient"]["display_id"]
        content = self.final_text(display_id, lambda t: "[..###]" in t and re.search(r"\|\s*3\|", t), "a window holding all 3 events")
        text = content["data"]["text/plain"]
        self.assertIn("perWindow · window 3 s sliding every 1 s over 1 s batches", text)
        self.assertIn("window contents: 1 record\n", text)
        self.assertEqual(content["data"]["text/html"].count('data-mark="in_window"'), 3)

    def run_in_cell(self, code, cell_id):
        """Runs code as the notebook cell cell_id, as JupyterLab sends it (metadata.cellId); returns the msg_id."""
        reply, msg_id = self.k.run_in_cell(code, cell_id)
        self.assertEqual(reply["status"], "ok", self.k.text(msg_id))
        return msg_id

    def test_rerunning_a_cell_replaces_its_live_display(self):
        self.run_ok("LiveQueue<Integer> q = LiveQueue.create(ssc);\nJavaDStream<Integer> doubled = q.stream().map(x -> 2 * x);")
        shown = lambda msg_id: self.k.messages(msg_id, "display_data")[0]["content"]["transient"]["display_id"]
        old = shown(self.run_in_cell("display(doubled);", "cell-a"))
        new = shown(self.run_in_cell("display(doubled);", "cell-a"))
        other = shown(self.run_in_cell("display(doubled);", "cell-b"))
        self.run_ok("q.push(List.of(21));\n%stream start")
        for live in (new, other):
            self.k.wait_for_message(lambda m: m["msg_type"] == "update_display_data"
                                    and m["content"]["transient"]["display_id"] == live
                                    and "42" in m["content"]["data"]["text/plain"], timeout=60, what="the batch with 42")
        stale = [m for m in self.k.log if m["msg_type"] == "update_display_data"
                 and m["content"]["transient"]["display_id"] == old and "42" in m["content"]["data"]["text/plain"]]
        self.assertEqual(stale, [], "the replaced display stopped updating")

    def test_display_of_a_stream_after_start_says_what_to_do_and_shows_nothing(self):
        self.run_ok("%%stream\nLiveQueue<Integer> q = LiveQueue.create(ssc);\n"
                    "JavaDStream<Integer> plusOne = q.stream().map(x -> x + 1);\nplusOne.print();")
        reply, msg_id = self.k.run("display(plusOne);")
        self.assertEqual(reply["status"], "error")
        self.assertIn("display(stream) must be called before ssc.start()", self.k.text(msg_id))
        self.assertIn("%%stream", self.k.text(msg_id))
        stop = self.run_ok("%stream stop")
        shown = [m for m in self.k.log if m["msg_type"] == "display_data"
                 and m["parent_header"].get("msg_id") in (msg_id, stop)]
        self.assertEqual(shown, [], "no display was left behind to appear when the stream stops")

if __name__ == "__main__":
    unittest.main(verbosity=2)
