"""%maven and %classpath through jupyter_client, and a stream joined with a PostgreSQL table and written back to it.

The PostgreSQL server is Debian's, started here on 127.0.0.1 in a temporary folder (tests/servers/postgres.py);
rows written by the notebook are checked with psql, not through Spark. Artifacts come from Maven Central into the
user's local repository, as they would for a user.
"""
import os
import re
import tempfile
import unittest

from tests.clients.kernel_session import SparkKernelTest
from tests.servers.postgres import PASSWORD, PostgresServer

POSTGRES_DRIVER = "org.postgresql:postgresql:42.7.14"
FAILED_BATCH = re.compile(r"Batch [0-9:.]+ failed in .*")


def jdbc_cell(pg):
    return f"""
java.util.Properties props = new java.util.Properties();
props.put("user", "postgres");
props.put("password", "{PASSWORD}");
String url = "{pg.jdbc_url}";
"""


class MavenTest(SparkKernelTest):

    def run_error(self, code):
        reply, msg_id = self.k.run(code)
        self.assertEqual(reply["status"], "error", self.k.text(msg_id))
        return self.k.text(msg_id)

    def test_a_maven_library_is_imported_by_the_next_cell_and_used_in_spark_lambdas(self):
        msg_id = self.run_ok("%maven org.apache.commons:commons-csv:1.14.1")
        text = self.k.text(msg_id)
        self.assertIn("Added 1 jar: commons-csv-1.14.1.jar", text)
        # Its own dependencies are shipped with the kernel (Spark needs them): kept once, other versions named.
        self.assertRegex(text, r"Already in the kernel, not added again: .*commons-io:commons-io")
        self.assertRegex(text, r"commons-io:commons-io: kept [\d.]+ \(shipped with the kernel\); "
                               r"org.apache.commons:commons-csv:1.14.1 asked for [\d.]+")
        # Progress is one display updated in place, ending with what was resolved.
        shown = self.k.messages(msg_id, "display_data")
        self.assertEqual(len(shown), 1)
        display_id = shown[0]["content"]["transient"]["display_id"]
        updates = [m for m in self.k.messages(msg_id, "update_display_data")
                   if m["content"]["transient"]["display_id"] == display_id]
        last = (updates or shown)[-1]["content"]["data"]["text/plain"]
        self.assertTrue(last.startswith("Resolved org.apache.commons:commons-csv:1.14.1: "), last)

        self.assertEqual(self.k.value("""
import org.apache.commons.csv.CSVFormat;
sc.parallelize(List.of("a,b", "c,d"))
  .map(line -> CSVFormat.DEFAULT.parse(new java.io.StringReader(line)).getRecords().get(0).get(1))
  .collect()"""), "[b, d]")

        again = self.run_ok("%maven org.apache.commons:commons-csv:1.14.1")
        self.assertEqual(self.k.text(again).strip(), "Already added: org.apache.commons:commons-csv:1.14.1")
        self.assertEqual(self.k.messages(again, "display_data"), [], "a re-run resolves nothing")
        listed = self.k.text(self.run_ok("%maven"))
        self.assertIn("Added with %maven: org.apache.commons:commons-csv:1.14.1", listed)
        self.assertIn("commons-csv-1.14.1.jar", listed)

    def test_bad_coordinates_say_what_to_do_and_add_nothing(self):
        self.assertIn("is not a Maven coordinate: write group:artifact:version", self.run_error("%maven commons-csv"))
        self.assertIn("Spark here runs Scala 2.13. Ask for org.apache.spark:spark-streaming-kafka-0-10_2.13:<version>",
                      self.run_error("%maven org.apache.spark:spark-streaming-kafka-0-10_2.12:3.5.1"))
        missing = self.run_error("%maven org.apache.commons:commons-csv-no-such-thing:1.0")
        self.assertIn("Could not resolve org.apache.commons:commons-csv-no-such-thing:1.0", missing)
        self.assertIn("central (https://repo.maven.apache.org/maven2/)", missing)
        self.assertNotIn("commons-csv-no-such-thing", self.k.text(self.run_ok("%maven")))

    def test_a_second_version_of_an_added_library_is_refused(self):
        self.run_ok("%maven org.jsoup:jsoup:1.22.1")
        text = self.run_error("%maven org.jsoup:jsoup:1.21.1")
        self.assertIn("org.jsoup:jsoup:1.22.1 is already added, and a JVM cannot load two versions", text)
        self.assertEqual(self.k.value('org.jsoup.Jsoup.parse("<p>hi</p>").text()'), 'hi')

    def test_classpath_adds_a_local_jar_once(self):
        # A jar of the local repository, as a user would point at one they downloaded.
        jar = self.k.value('new java.io.File(System.getProperty("user.home"), ".m2/repository/org/apache/commons/'
                           'commons-csv/1.14.1/commons-csv-1.14.1.jar").getPath()').strip('"')
        self.run_ok("%maven org.apache.commons:commons-csv:1.14.1")
        text = self.k.text(self.run_ok(f"%classpath {jar}"))
        self.assertIn("Already added " + jar, text)


class PostgresJdbcTest(SparkKernelTest):
    """A stream joined per batch with a PostgreSQL table, its results written back; failures shown in the cell."""

    @classmethod
    def setUpClass(cls):
        cls.pg = PostgresServer().start()
        cls.pg.sql("CREATE TABLE cities (id int PRIMARY KEY, name text NOT NULL)")
        cls.pg.sql("INSERT INTO cities VALUES (1, 'Lyon'), (2, 'Oslo'), (3, 'Porto')")
        super().setUpClass()
        cls.k.run_ok("%maven " + POSTGRES_DRIVER)
        cls.k.run_ok(jdbc_cell(cls.pg))

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.pg.stop()

    def setUp(self):
        self.run_ok("%stream restart")

    def tearDown(self):
        self.run_ok("%stream stop")

    def test_read_a_table_as_the_spark_documentation_writes_it(self):
        # No "driver" option: DriverManager finds the driver %maven added.
        self.assertEqual(self.k.value('spark.read().jdbc(url, "cities", props).count()'), "3")
        self.assertEqual(self.k.value('spark.read().format("jdbc").option("url", url).option("dbtable", "cities")'
                                      '.option("user", "postgres").option("password", "' + PASSWORD + '").load()'
                                      '.filter("id = 2").first().getString(1)'), 'Oslo')

    def test_each_batch_is_joined_with_the_table_and_written_back(self):
        self.pg.sql("DROP TABLE IF EXISTS visits")
        # Started by %%stream, as the tutorials do: its batches run in threads Spark made for the magic, which find
        # the driver %maven added as the cell's own threads do.
        msg_id = self.run_ok("""%%stream
Dataset<Row> cities = spark.read().jdbc(url, "cities", props).cache();
LiveQueue<Integer> visits = LiveQueue.create(ssc);
java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(2);
visits.stream().foreachRDD(rdd -> {
    if (rdd.isEmpty()) return;
    Dataset<Row> batch = spark.createDataset(rdd.rdd(), Encoders.INT()).toDF("city_id");
    batch.join(cities, batch.col("city_id").equalTo(cities.col("id")))
         .groupBy("name").count()
         .write().mode("append").jdbc(url, "visits", props);
    written.countDown();
});
""", timeout=180)
        self.run_ok("""
visits.push(List.of(1, 2, 1));
visits.push(List.of(3, 1));
written.await();
""", timeout=180)
        self.assertIsNone(FAILED_BATCH.search(self.k.text(msg_id)), self.k.text(msg_id))
        self.assertEqual(self.pg.rows("SELECT name, sum(count) FROM visits GROUP BY name ORDER BY name"),
                         [["Lyon", "3"], ["Oslo", "1"], ["Porto", "1"]])

    def test_a_failing_sink_shows_the_databases_message_in_the_cell(self):
        self.pg.sql("DROP TABLE IF EXISTS seen; CREATE TABLE seen (name text PRIMARY KEY)")
        msg_id = self.run_ok("""
LiveQueue<String> names = LiveQueue.create(ssc);
names.stream().foreachRDD(rdd -> {
    if (rdd.isEmpty()) return;
    spark.createDataset(rdd.rdd(), Encoders.STRING()).toDF("name").write().mode("append").jdbc(url, "seen", props);
});
ssc.start();
names.push(List.of("Lyon"));
names.push(List.of("Lyon"));
""")
        text = self.k.wait_for(msg_id, lambda t: FAILED_BATCH.search(t), timeout=90, what="the batch failure")
        self.assertIn("duplicate key value violates unique constraint", text)
        self.assertEqual(self.pg.rows("SELECT name FROM seen"), [["Lyon"]])
        self.assertEqual(self.k.value("1 + 1"), "2")

    def test_a_database_that_goes_away_mid_stream_fails_the_batch_not_the_kernel(self):
        with PostgresServer() as other:
            other.sql("CREATE TABLE seen (name text)")
            msg_id = self.run_ok(jdbc_cell(other).replace("props", "otherProps").replace("url", "otherUrl") + """
LiveQueue<String> names = LiveQueue.create(ssc);
java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
names.stream().foreachRDD(rdd -> {
    if (rdd.isEmpty()) return;
    spark.createDataset(rdd.rdd(), Encoders.STRING()).toDF("name").write().mode("append").jdbc(otherUrl, "seen", otherProps);
    first.countDown();
});
ssc.start();
names.push(List.of("before"));
first.await();
""", timeout=180)
            self.assertEqual(other.rows("SELECT name FROM seen"), [["before"]])
        # The server is stopped now.
        self.run_ok('names.push(List.of("after"));')
        text = self.k.wait_for(msg_id, lambda t: FAILED_BATCH.search(t), timeout=90, what="the batch failure")
        self.assertRegex(text, r"Connection to 127.0.0.1:\d+ refused")
        self.assertEqual(self.k.value("1 + 1"), "2")


class ParquetSinkTest(SparkKernelTest):
    def test_each_batch_appended_as_parquet_is_read_back_whole(self):
        folder = tempfile.mkdtemp(prefix="sparkbook-parquet-")
        out = os.path.join(folder, "words")
        self.run_ok("%stream restart")
        self.run_ok(f"""
String out = "{out}";
LiveQueue<String> lines = LiveQueue.create(ssc);
java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(3);
lines.stream().flatMap(l -> Arrays.asList(l.split(" ")).iterator()).foreachRDD((rdd, time) -> {{
    if (rdd.isEmpty()) return;
    spark.createDataset(rdd.rdd(), Encoders.STRING()).toDF("word")
         .withColumn("batch", functions.lit(time.milliseconds()))
         .write().mode("append").parquet(out);
    written.countDown();
}});
ssc.start();
lines.push(List.of("to be or"));
lines.push(List.of("not to"));
lines.push(List.of("be"));
written.await();
""", timeout=180)
        self.assertEqual(self.k.value('spark.read().parquet(out).count()'), "6")
        self.assertEqual(self.k.value('spark.read().parquet(out).select("batch").distinct().count()'), "3")
        self.assertEqual(self.k.value('spark.read().parquet(out).filter("word = \'to\'").count()'), "2")
        self.run_ok("%stream stop")


class MllibOnAStreamTest(SparkKernelTest):
    def test_streaming_kmeans_trains_on_a_queue_and_its_centres_are_watched_live(self):
        self.run_ok("%maven org.apache.spark:spark-mllib_2.13:4.2.0", timeout=300)
        self.run_ok("%stream restart")
        msg_id = self.run_ok("""
import org.apache.spark.mllib.clustering.StreamingKMeans;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
record Centre(int cluster, double x, double y) {}
LiveQueue<Vector> points = LiveQueue.create(ssc);
StreamingKMeans km = new StreamingKMeans().setK(2).setDecayFactor(1.0)
        .setInitialCenters(new Vector[] {Vectors.dense(-1, 0), Vectors.dense(1, 0)}, new double[] {1, 1});
km.trainOn(points.stream());
java.util.concurrent.CountDownLatch trained = new java.util.concurrent.CountDownLatch(3);
points.stream().foreachRDD(rdd -> { if (!rdd.isEmpty()) trained.countDown(); });
watch(() -> {
    Vector[] c = km.latestModel().clusterCenters();
    List<Centre> rows = new ArrayList<>();
    for (int i = 0; i < c.length; i++) rows.add(new Centre(i, c[i].apply(0), c[i].apply(1)));
    return Plot.points("Cluster centres", rows, "x", "y", "cluster");
});
ssc.start();
Random random = new Random(7);
for (int b = 0; b < 3; b++) {
    List<Vector> batch = new ArrayList<>();
    for (int i = 0; i < 100; i++) batch.add(Vectors.dense(random.nextGaussian() * 0.5 + (i % 2 == 0 ? 5 : -5), random.nextGaussian() * 0.5));
    points.push(batch);
}
trained.await();
""", timeout=180)
        centres = self.k.value("Arrays.stream(km.latestModel().clusterCenters()).map(v -> Math.round(v.apply(0))).toList()")
        self.assertEqual(centres, "[-5, 5]")
        shown = self.k.messages(msg_id, "display_data")
        self.assertEqual(len(shown), 1, "one live display of the centres")
        display_id = shown[0]["content"]["transient"]["display_id"]

        def centres_drawn(m):
            vega = m["content"]["data"].get("application/vnd.vegalite.v5+json", {})
            return sorted(round(v["x"]) for v in vega.get("data", {}).get("values", []))

        last = self.k.wait_for_message(
            lambda m: m["msg_type"] == "update_display_data" and m["content"]["transient"]["display_id"] == display_id
            and centres_drawn(m) == [-5, 5], timeout=60, what="the centres' display after training")
        data = last["content"]["data"]
        self.assertIn("image/svg+xml", data)
        self.assertIn("application/vnd.vegalite.v5+json", data)
        self.assertIn("Cluster centres: y against x by cluster, 2 points", data["text/plain"])
        self.run_ok("%stream stop")


if __name__ == "__main__":
    unittest.main()
