package sparkbook.kernel;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import sparkbook.display.query.QueryDashboard;
import sparkbook.display.stream.StreamDashboard;
import sparkbook.display.values.DatasetView;
import sparkbook.display.values.RddView;
import sparkbook.engine.api.SessionConfig;
import sparkbook.engine.api.StreamingSession;
import sparkbook.engine.query.QueryStateReader;
import sparkbook.kernel.interpreter.JShellInterpreter;
import sparkbook.kernel.protocol.Contents;
import sparkbook.kernel.protocol.ErrorReply;
import sparkbook.kernel.protocol.Status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * The training run of the class-data-sharing archive: loads the classes a first session loads (the kernel's start,
 * JShell's first cells, Spark's start, a first Spark job, SQL query, DStream and Structured Streaming query, and
 * their views), then exits. The installer runs it with -XX:ArchiveClassesAtExit; every kernel then maps those
 * classes from one read-only file instead of finding and parsing them in 180 jars (measured in
 * bench/startup_bench.py). Classes made at run time (JShell snippets, Spark's generated code) are not archived.
 */
public final class Warmup {
    private Warmup() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("sparkbook-warmup-");
        try {
            try (org.zeromq.ZContext z = new org.zeromq.ZContext(1);
                 JShellInterpreter interpreter = new JShellInterpreter(dir.resolve("classes"), () -> { })) {
                z.createSocket(org.zeromq.SocketType.ROUTER).close();
                for (String s : SparkbookKernel.STARTUP) interpreter.eval(s);
                interpreter.eval("int x = 1 + 1;\nString s = \"a\" + x;\ns.length()");
                interpreter.complete("Sys", 3);
                new com.google.gson.Gson().toJson(new com.google.gson.JsonObject());
                // Typed contents go through Gson's record reflection: archived, the first status and reply cost less.
                Contents.toJson(Status.STARTING);
                Contents.toJson(new ErrorReply("Warmup", "none"));
                if (!List.of(args).contains("--without-spark")) firstSparkSession(dir);
            }
        } finally {
            StreamingSession.deleteRecursively(dir);
        }
    }

    private static void firstSparkSession(Path dir) throws Exception {
        SessionConfig config = SessionConfig.fromEnvironment(System.getenv())
                .withWorkDir(dir.resolve("spark")).withClassOutputDir(dir.resolve("classes"));
        try (StreamingSession s = StreamingSession.open(config)) {
            JavaRDD<Integer> numbers = s.sc().parallelize(List.of(1, 2, 3));
            numbers.count();
            RddView.render(numbers, RddView.DEFAULT_ROWS);
            DatasetView.render(s.spark().range(5).toDF(), DatasetView.DEFAULT_ROWS);
            s.warmUpSql().get(5, TimeUnit.MINUTES);

            Queue<JavaRDD<String>> lines = new ArrayDeque<>();
            for (int i = 0; i < 3; i++) lines.add(s.sc().parallelize(List.of("to be", "or not to be")));
            s.ssc().queueStream(lines).flatMap(l -> List.of(l.split(" ")).iterator()).countByValue()
                    .foreachRDD(rdd -> { rdd.collect(); });
            s.start();
            s.awaitBatches(2, Duration.ofMinutes(2));
            new StreamDashboard().render(s.status());
            s.stop();

            s.queries();
            Dataset<Row> ticks = s.spark().readStream().format("rate-micro-batch").option("rowsPerBatch", 20).load();
            StreamingQuery q = ticks.withWatermark("timestamp", "2 seconds")
                    .groupBy(functions.window(ticks.col("timestamp"), "1 second")).count()
                    .writeStream().outputMode("update").format("noop").trigger(Trigger.AvailableNow()).start();
            q.awaitTermination(TimeUnit.MINUTES.toMillis(2));
            var state = QueryStateReader.of(q).flatMap(r -> r.read(5, OptionalLong.empty(), 100));
            s.queries().status(q.id()).ifPresent(status -> new QueryDashboard().render(status, state));
        }
    }
}
