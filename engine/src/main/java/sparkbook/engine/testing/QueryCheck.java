package sparkbook.engine.testing;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Checks a Structured Streaming query batch by batch, as {@link StreamCheck} does for DStreams, in a cell or in a
 * JUnit test: given the input rows of each batch, the query, its output mode and the expected output of each batch,
 * it feeds one batch at a time into an in-memory source, lets the query process everything available (the data's
 * micro-batch and the no-data micro-batch Spark runs after it when the watermark moved) and compares what the query
 * wrote.
 *
 * <pre>{@code
 * QueryCheck.on(spark)
 *     .check(Encoders.STRING(),
 *            List.of(List.of("a", "b", "a"), List.of("b")),
 *            words -> words.groupBy("value").count(),
 *            OutputMode.Complete(),
 *            List.of(List.of(List.of("a", 2), List.of("b", 1)),
 *                    List.of(List.of("a", 2), List.of("b", 2))))
 *     .assertPassed();
 * }</pre>
 *
 * A batch's output is what the query wrote while processing it: in append and update mode the rows of its
 * micro-batches, in complete mode the result table after them. Expected rows may be Spark rows, lists, arrays or a
 * single value, compared as {@link ResultRow}s. Each batch's note says which micro-batches ran and the watermark after
 * them, which is where event-time tests go wrong. Immutable; the {@code with...} methods return copies.
 */
public final class QueryCheck {
    public static final Duration DEFAULT_TIMEOUT_PER_BATCH = Duration.ofSeconds(60);

    private final SparkSession spark;
    private final Duration timeoutPerBatch;
    private final Path workDir;

    private QueryCheck(SparkSession spark, Duration timeoutPerBatch, Path workDir) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.timeoutPerBatch = timeoutPerBatch;
        this.workDir = workDir;
    }

    /** Checks on this session, checkpoints under java.io.tmpdir (removed after each check). */
    public static QueryCheck on(SparkSession spark) {
        return new QueryCheck(spark, DEFAULT_TIMEOUT_PER_BATCH,
                Path.of(System.getProperty("java.io.tmpdir"), "sparkbook-querycheck"));
    }

    /** How long one batch may take before the check stops the query and reports the batch as failed. */
    public QueryCheck withTimeoutPerBatch(Duration timeout) {
        return new QueryCheck(spark, timeout, workDir);
    }

    /** Parent folder of the temporary checkpoint folders. */
    public QueryCheck withWorkDir(Path dir) {
        return new QueryCheck(spark, timeoutPerBatch, dir);
    }

    /** Compares rows in any order (multisets): right for anything with a shuffle. */
    public <T> StreamCheckReport check(Encoder<T> encoder, List<? extends List<T>> input,
                                       Function<Dataset<T>, ? extends Dataset<?>> query, OutputMode mode,
                                       List<? extends List<?>> expected) {
        return check(encoder, input, query, mode, expected, RowOrder.ANY_ORDER);
    }

    /** {@link RowOrder#EXACT} suits a query that sorts (complete mode only, as Spark sorts only there). */
    public <T> StreamCheckReport check(Encoder<T> encoder, List<? extends List<T>> input,
                                       Function<Dataset<T>, ? extends Dataset<?>> query, OutputMode mode,
                                       List<? extends List<?>> expected, RowOrder order) {
        long start = System.nanoTime();
        int numBatches = Math.max(input.size(), expected.size());
        QueryCheckRun.Outcome outcome = QueryCheckRun.run(spark, timeoutPerBatch, workDir, encoder, input, query, mode,
                numBatches);
        List<BatchCheck> checks = new ArrayList<>();
        for (int i = 0; i < outcome.outputs().size(); i++) {
            List<ResultRow> want = i < expected.size() ? expected.get(i).stream().map(ResultRow::of).toList() : List.of();
            checks.add(BatchCheck.compare(i, 0, want, outcome.outputs().get(i), order, outcome.notes().get(i)));
        }
        boolean passed = outcome.failure().isEmpty() && checks.stream().allMatch(BatchCheck::passed);
        return new StreamCheckReport(StreamCheckReport.QUERY_CHECK, passed, order, 0, numBatches, checks,
                outcome.failure(), (System.nanoTime() - start) / 1_000_000);
    }

    /** As {@link #check}, for lines of text: the query gets them as Spark's text and socket sources do. */
    public StreamCheckReport checkLines(List<? extends List<String>> input,
                                        Function<Dataset<String>, ? extends Dataset<?>> query, OutputMode mode,
                                        List<? extends List<?>> expected) {
        return check(Encoders.STRING(), input, query, mode, expected);
    }

    /** Runs the batches and returns what the query wrote for each; throws StreamCheckException if one fails. */
    public <T> List<List<ResultRow>> capture(Encoder<T> encoder, List<? extends List<T>> input,
                                             Function<Dataset<T>, ? extends Dataset<?>> query, OutputMode mode) {
        QueryCheckRun.Outcome outcome = QueryCheckRun.run(spark, timeoutPerBatch, workDir, encoder, input, query, mode,
                input.size());
        if (outcome.failure().isPresent()) throw new StreamCheckException(outcome.failure().get());
        return outcome.outputs();
    }
}
