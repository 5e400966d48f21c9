package sparkbook.engine.testing;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaDStreamLike;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Checks a streaming operation batch by batch, the same way in a notebook cell and in a JUnit test:
 * given input batches, the operation, and the expected output of each batch, it runs exactly those
 * batches under a manual clock (with checkpointing, so stateful operations work) on a fresh
 * StreamingContext over an existing SparkContext, and reports per batch what differs.
 *
 * <pre>{@code
 * StreamCheck.on(sc)
 *     .check(List.of(List.of("a b a"), List.of("b")),
 *            lines -> lines.flatMap(l -> Arrays.asList(l.split(" ")).iterator())
 *                          .mapToPair(w -> new Tuple2<>(w, 1)).reduceByKey(Integer::sum),
 *            List.of(List.of(new Tuple2<>("a", 2), new Tuple2<>("b", 1)), List.of(new Tuple2<>("b", 1))))
 *     .assertPassed();
 * }</pre>
 *
 * Batch i's expected rows are what the stream emits at batch i; a window that emits only every
 * other batch has empty expected lists in between. When more batches are expected than given, the
 * extra batches are fed empty (windows drain, state carries on). No other StreamingContext may be
 * running meanwhile (Spark allows one per JVM). Immutable; the {@code with...} methods return copies.
 */
public final class StreamCheck {
    public static final Duration DEFAULT_BATCH = Duration.ofSeconds(1);
    public static final Duration DEFAULT_TIMEOUT_PER_BATCH = Duration.ofSeconds(30);

    private final JavaSparkContext sc;
    private final Duration batch;
    private final Duration timeoutPerBatch;
    private final Path workDir;

    private StreamCheck(JavaSparkContext sc, Duration batch, Duration timeoutPerBatch, Path workDir) {
        this.sc = Objects.requireNonNull(sc, "sc");
        this.batch = batch;
        this.timeoutPerBatch = timeoutPerBatch;
        this.workDir = workDir;
    }

    /** Checks on this SparkContext, 1 s (simulated) batches, checkpoints under java.io.tmpdir. */
    public static StreamCheck on(JavaSparkContext sc) {
        return new StreamCheck(sc, DEFAULT_BATCH, DEFAULT_TIMEOUT_PER_BATCH,
                Path.of(System.getProperty("java.io.tmpdir"), "sparkbook-streamcheck"));
    }

    /** The simulated batch interval; window and slide lengths must be multiples of it. */
    public StreamCheck withBatchInterval(Duration interval) {
        return new StreamCheck(sc, interval, timeoutPerBatch, workDir);
    }

    /** How long one batch may take before the check gives up on it and reports it as failed. */
    public StreamCheck withTimeoutPerBatch(Duration timeout) {
        return new StreamCheck(sc, batch, timeout, workDir);
    }

    /** Parent folder of the temporary checkpoint directories. */
    public StreamCheck withWorkDir(Path dir) {
        return new StreamCheck(sc, batch, timeoutPerBatch, dir);
    }

    /** Compares rows in any order (multisets) — right for anything with a shuffle. */
    public <T, U> StreamCheckReport check(List<? extends List<T>> input,
                                          Function<JavaDStream<T>, ? extends JavaDStreamLike<U, ?, ?>> operation,
                                          List<? extends List<U>> expected) {
        return check(input, operation, expected, RowOrder.ANY_ORDER);
    }

    public <T, U> StreamCheckReport check(List<? extends List<T>> input,
                                          Function<JavaDStream<T>, ? extends JavaDStreamLike<U, ?, ?>> operation,
                                          List<? extends List<U>> expected, RowOrder order) {
        long start = System.nanoTime();
        int numBatches = Math.max(input.size(), expected.size());
        var outcome = StreamCheckRun.run(sc, batch, timeoutPerBatch, workDir, input, operation, numBatches);
        List<BatchCheck> checks = new java.util.ArrayList<>();
        for (int i = 0; i < outcome.outputs().size(); i++) {
            List<U> want = i < expected.size() ? expected.get(i) : List.of();
            checks.add(BatchCheck.compare(i, outcome.batchTimes().get(i), want, outcome.outputs().get(i), order));
        }
        boolean passed = outcome.failure().isEmpty() && checks.stream().allMatch(BatchCheck::passed);
        return new StreamCheckReport(StreamCheckReport.STREAM_CHECK, passed, order, batch.toMillis(), numBatches, checks, outcome.failure(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** As {@link #check}, for an input of key-value pairs. */
    public <K, V, U> StreamCheckReport checkPairs(List<? extends List<Tuple2<K, V>>> input,
                                                  Function<JavaPairDStream<K, V>, ? extends JavaDStreamLike<U, ?, ?>> operation,
                                                  List<? extends List<U>> expected) {
        return checkPairs(input, operation, expected, RowOrder.ANY_ORDER);
    }

    public <K, V, U> StreamCheckReport checkPairs(List<? extends List<Tuple2<K, V>>> input,
                                                  Function<JavaPairDStream<K, V>, ? extends JavaDStreamLike<U, ?, ?>> operation,
                                                  List<? extends List<U>> expected, RowOrder order) {
        return check(input, asPairs(operation), expected, order);
    }

    /** Runs {@code numBatches} batches and returns each batch's output; throws StreamCheckException if one fails. */
    public <T, U> List<List<U>> capture(List<? extends List<T>> input,
                                        Function<JavaDStream<T>, ? extends JavaDStreamLike<U, ?, ?>> operation,
                                        int numBatches) {
        var outcome = StreamCheckRun.run(sc, batch, timeoutPerBatch, workDir, input, operation, numBatches);
        if (outcome.failure().isPresent()) {
            throw new StreamCheckException(outcome.failure().get());
        }
        return List.copyOf(outcome.outputs());
    }

    public <K, V, U> List<List<U>> capturePairs(List<? extends List<Tuple2<K, V>>> input,
                                                Function<JavaPairDStream<K, V>, ? extends JavaDStreamLike<U, ?, ?>> operation,
                                                int numBatches) {
        return capture(input, asPairs(operation), numBatches);
    }

    private static <K, V, U> Function<JavaDStream<Tuple2<K, V>>, ? extends JavaDStreamLike<U, ?, ?>> asPairs(
            Function<JavaPairDStream<K, V>, ? extends JavaDStreamLike<U, ?, ?>> operation) {
        return stream -> operation.apply(JavaPairDStream.fromJavaDStream(stream));
    }
}
