package sparkbook.engine.api;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.streaming.SparkbookStreamingAccess;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import sparkbook.engine.errors.SparkAdvice;
import sparkbook.engine.input.LiveRows;
import sparkbook.engine.input.ManualClockStepper;
import sparkbook.engine.localfs.ForkFreeLocalFileSystem;
import sparkbook.engine.metrics.MetricsListener;
import sparkbook.engine.metrics.StreamStatus;
import sparkbook.engine.query.QueryListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One SparkContext (with a SparkSession on it) and the current StreamingContext. The SparkContext
 * lives as long as the session; the StreamingContext is replaced by {@link #renew()} whenever a
 * cell rebuilds its pipeline, because Spark cannot add to or restart a context.
 *
 * <pre>{@code
 * try (StreamingSession session = StreamingSession.open(SessionConfig.defaults().withMaster("local[2]"))) {
 *     LiveQueue<String> in = LiveQueue.create(session.ssc());
 *     in.stream().print();
 *     session.start();
 * }
 * }</pre>
 *
 * The SparkContext is created on the calling thread and picks up its context class loader, which
 * must be the one that loads the notebook's snippet classes.
 */
public final class StreamingSession implements AutoCloseable {
    private final SessionConfig config;
    /** Micro-batches kept per query: what the dashboard charts, bounded for endless queries. */
    private static final int QUERY_BATCHES_KEPT = 120;
    private final JavaSparkContext sc;
    private final SparkSession spark;
    private final Path sessionDir;
    private final MetricsListener metrics;
    private final QueryListener queries = new QueryListener(QUERY_BATCHES_KEPT);
    private boolean queriesHeard;
    private final AtomicInteger generation = new AtomicInteger();
    private volatile JavaStreamingContext ssc;
    private volatile ManualClockStepper clock;

    private StreamingSession(SessionConfig config, JavaSparkContext sc, Path sessionDir) {
        this.config = config;
        this.sc = sc;
        // getOrCreate reuses the active SparkContext, so SQL and streaming share one context
        this.spark = SparkSession.builder().getOrCreate();
        this.sessionDir = sessionDir;
        this.metrics = new MetricsListener(config.batchInterval().toMillis());
        this.ssc = newStreamingContext();
    }

    /** Starts Spark (a few seconds cold) and makes the first StreamingContext. */
    public static StreamingSession open(SessionConfig config) {
        try {
            Files.createDirectories(config.workDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create work dir " + config.workDir(), e);
        }
        SparkLogging.routeToFileAndStderr(config.logFile());
        Path sessionDir;
        try {
            sessionDir = Files.createTempDirectory(config.workDir(), "session-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a session folder under " + config.workDir(), e);
        }
        // getOrCreate adopts a SparkContext a notebook cell made itself (Spark's examples do): one per JVM.
        StartFailure.probeMaster(config.master());
        SparkConf conf = sparkConf(config);
        StartFailure.probeUiPort(conf);
        SparkContext context = SparkContext.getOrCreate(conf);
        if (context.isStopped()) {
            // A standalone master that never accepted the application stops the context during its start.
            throw new IllegalStateException("the SparkContext stopped while it started (the master " + config.master()
                    + " did not accept the application: see the log " + config.logFile() + ")");
        }
        return new StreamingSession(config, JavaSparkContext.fromSparkContext(context), sessionDir);
    }

    static SparkConf sparkConf(SessionConfig config) {
        SparkConf conf = new SparkConf().setMaster(config.master()).setAppName(config.appName());
        if (LocalCores.of(config.master()).isPresent()) {
            // a notebook machine's hostname often resolves oddly; local mode needs only loopback
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
            // Spark's 200 shuffle partitions are sized for clusters: on a laptop every aggregation of a micro-batch
            // would run 200 tasks (and a stateful query keep 200 state stores). Two per core, unless set.
            if (!conf.contains("spark.sql.shuffle.partitions")) {
                conf.set("spark.sql.shuffle.partitions", String.valueOf(2 * LocalCores.of(config.master()).getAsInt()));
            }
            // Every kernel's Spark UI takes a port from 4040 up, and Spark gives up (System.exit) after 16 taken:
            // a workshop's 20 kernels on one machine need more. In local mode the UI is the only fixed-port service.
            if (!conf.contains("spark.port.maxRetries")) conf.set("spark.port.maxRetries", "128");
            // Spark sizes its memory pages for executors of big machines (up to 64 MB each, from the heap's maximum):
            // every aggregating task of a micro-batch took a fresh 64 MB array, and a kernel running a small
            // Structured Streaming aggregation stood at 850 MB instead of 580. Larger records still get a page of
            // their own size.
            if (!conf.contains("spark.buffer.pageSize")) conf.set("spark.buffer.pageSize", "1m");
        }
        // Spark cuts every broadcast (the task binary of every stage of every micro-batch is one) into pieces of 4 MB,
        // each a new buffer of that size: with G1's regions of 1-8 MB each is a humongous allocation, and a kernel
        // running a word count on 100 ms batches swung its heap up to 1.2 GB (bench/memory_bench.py). 256 KB pieces
        // are ordinary allocations at any heap size; a large broadcast is then just more pieces.
        if (!conf.contains("spark.broadcast.blockSize")) conf.set("spark.broadcast.blockSize", "256k");
        // A second query started on the checkpoint of a running one would silently stop it (Spark's default, made
        // for jobs that restart themselves): in a notebook that is a cell quietly ending another cell's query. Refuse
        // it instead, with advice (SparkAdvice); the user can set it back.
        if (!conf.contains("spark.sql.streaming.stopActiveRunOnRestart")) {
            conf.set("spark.sql.streaming.stopActiveRunOnRestart", "false");
        }
        if (config.classOutputDir() != null) {
            conf.set("spark.repl.class.outputDir", config.classOutputDir().toAbsolutePath().toString());
        }
        config.conf().forEach(conf::set);
        if (LocalCores.of(config.master()).isPresent()) {
            // Checkpoints on the local disk without a chmod or readlink process per file (executors share this JVM);
            // after the user's settings, so that choosing either of Hadoop's two keys keeps Hadoop's for both.
            ForkFreeLocalFileSystem.configure(conf);
        }
        return conf;
    }

    public SessionConfig config() {
        return config;
    }

    public JavaSparkContext sc() {
        return sc;
    }

    public SparkSession spark() {
        return spark;
    }

    /** The current StreamingContext; a new object after each {@link #renew()}. */
    public JavaStreamingContext ssc() {
        return ssc;
    }

    /**
     * Every Structured Streaming query of the notebook's SparkSession, measured batch by batch. The first call adds
     * the listener, which builds Spark SQL's session state (a second or two cold): not on the start's path, but
     * before the first query, by the idle warm-up or by whatever is about to start one.
     */
    public synchronized QueryListener queries() {
        if (!queriesHeard) {
            spark.streams().addListener(queries);
            queriesHeard = true;
        }
        return queries;
    }

    /** The same listener, without adding it: to subscribe to what it will hear. */
    public QueryListener queryListener() {
        return queries;
    }

    /** Batch and receiver metrics of the current context (cleared by {@link #renew()}). */
    public MetricsListener metrics() {
        return metrics;
    }

    /** The current context's state, batches and receivers at this moment, for the dashboard. */
    public StreamStatus status() {
        return metrics.status(state().name(), SparkbookStreamingAccess.inputNames(ssc));
    }

    /**
     * Waits until the current context has completed {@code batches} more batches: the event a notebook or a test
     * waits for instead of a guessed sleep. False when the context stops first or the timeout passes.
     */
    public boolean awaitBatches(int batches, java.time.Duration timeout) throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(batches);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (var completed = metrics.onBatchCompleted(batch -> done.countDown())) {
            while (!done.await(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (state() == SessionState.STOPPED || System.nanoTime() > deadline) return false;
            }
            return true;
        }
    }

    public SessionState state() {
        return switch (ssc.getState()) {
            case INITIALIZED -> SessionState.INITIALIZED;
            case ACTIVE -> SessionState.ACTIVE;
            case STOPPED -> SessionState.STOPPED;
        };
    }

    /**
     * Stops the current StreamingContext (keeping the SparkContext) and makes a fresh one with its
     * own checkpoint directory, ready for a new pipeline.
     */
    public synchronized JavaStreamingContext renew() {
        if (state() != SessionState.STOPPED) {
            ssc.stop(false, false);
        }
        metrics.clear();
        clock = null;
        ssc = newStreamingContext();
        return ssc;
    }

    /**
     * Checks the pipeline, then starts the current context. Known problems (no output, receivers
     * using every core, Spark lifecycle errors) come back as IllegalStateException with what to do.
     */
    public synchronized void start() {
        switch (state()) {
            case ACTIVE:
                return;
            case STOPPED:
                throw new IllegalStateException(SparkAdvice.STOPPED_ADVICE);
            default:
                break;
        }
        var problems = StartChecks.problems(ssc, config.master());
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("\n", problems));
        }
        if (config.manualClock()) {
            clock = ManualClockStepper.attach(ssc);
        }
        try {
            ssc.start();
        } catch (Exception e) { // Spark's graph validation throws plain (checked) Exception
            var advice = SparkAdvice.explain(e);
            if (advice.isEmpty() && e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(advice.orElseGet(() -> SparkAdvice.firstLine(e)), e);
        }
    }

    /**
     * What is wrong with the current pipeline for its master (no output operation, receivers taking every core).
     * {@link #start()} refuses on these; a cell that calls {@code ssc.start()} itself is warned after the fact.
     */
    public List<String> startProblems() {
        return StartChecks.problems(ssc, config.master());
    }

    /** The stepper of a manual-clock session, once started. */
    public Optional<ManualClockStepper> clock() {
        return Optional.ofNullable(clock);
    }

    /** Stops streaming at once (keeps the SparkContext); running jobs are cancelled. */
    public void stop() {
        stop(false);
    }

    /**
     * Stops streaming, keeping the SparkContext. Graceful waits for received data to be processed;
     * it is ignored under the manual clock, where a graceful stop would wait forever.
     */
    public synchronized void stop(boolean graceful) {
        ssc.stop(false, graceful && !config.manualClock());
    }

    /** True if the context stopped within the timeout; rethrows a streaming error. */
    public boolean awaitTerminationOrTimeout(Duration timeout) throws InterruptedException {
        if (ssc.getState() == org.apache.spark.streaming.StreamingContextState.INITIALIZED) {
            // Spark's awaitTermination on a context that was never started blocks forever.
            throw new IllegalStateException("awaitTermination on a StreamingContext that was never started would wait "
                    + "forever. Call start() first (after defining the pipeline), or don't wait.");
        }
        return ssc.awaitTerminationOrTimeout(timeout.toMillis());
    }

    /**
     * Runs a first Structured Streaming aggregation, then a first SQL query, in the background: the first of each in
     * a JVM costs seconds of class loading and code generation (a streaming word count's first micro-batch: 5.4 s
     * cold in the kernel, 2.2 s after this). The streaming query goes first, as it is the slower to warm and shares
     * most of its planning with a batch query. It runs in a session of its own, so the notebook's
     * {@code spark.streams()} never lists it. Completes with how long it all took.
     */
    public CompletableFuture<Duration> warmUpSql() {
        CompletableFuture<Duration> done = new CompletableFuture<>();
        Thread warm = new Thread(() -> {
            long start = System.nanoTime();
            try {
                queries();
                warmUpStructuredStreaming(spark.newSession());
                spark.range(10).selectExpr("id % 3 AS k").groupBy("k").count().collectAsList();
                done.complete(Duration.ofNanos(System.nanoTime() - start));
            } catch (RuntimeException | java.util.concurrent.TimeoutException e) {
                done.completeExceptionally(e);
            }
        }, "sparkbook-sql-warm-up");
        warm.setDaemon(true);
        warm.start();
        return done;
    }

    private static void warmUpStructuredStreaming(SparkSession isolated) throws java.util.concurrent.TimeoutException {
        LiveRows<String> words = LiveRows.lines(isolated);
        StreamingQuery q = words.stream().groupBy("value").count().writeStream().outputMode("complete").format("noop").start();
        try {
            words.push("warm", "up", "warm");
            q.processAllAvailable();
        } finally {
            q.stop();
        }
    }

    /** Stops streaming and Spark, and deletes the session folder (checkpoints). */
    @Override
    public synchronized void close() {
        try {
            if (state() != SessionState.STOPPED) {
                ssc.stop(false, false);
            }
        } finally {
            try {
                sc.stop();
            } finally {
                deleteRecursively(sessionDir);
            }
        }
    }

    private JavaStreamingContext newStreamingContext() {
        var batch = new org.apache.spark.streaming.Duration(config.batchInterval().toMillis());
        JavaStreamingContext fresh = SparkbookStreamingAccess.newStreamingContext(sc.sc(), batch, config.manualClock());
        Path checkpoints = sessionDir.resolve("checkpoint-" + generation.incrementAndGet());
        fresh.checkpoint(checkpoints.toAbsolutePath().toString());
        fresh.addStreamingListener(metrics);
        return fresh;
    }

    /** Deletes a folder tree, best effort (checkpoints, snippet classes, temp folders): the one place that does it. */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temp folder is harmless
        }
    }
}
