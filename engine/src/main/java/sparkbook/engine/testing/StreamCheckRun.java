package sparkbook.engine.testing;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.SparkbookStreamingAccess;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaDStreamLike;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import sparkbook.engine.api.StreamingSession;
import sparkbook.engine.errors.SparkAdvice;
import sparkbook.engine.input.BatchFailedException;
import sparkbook.engine.input.LiveQueue;
import sparkbook.engine.input.ManualClockStepper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One run of an operation over given batches on a fresh manual-clock StreamingContext: feed the
 * batches through a LiveQueue, step the clock one batch at a time, collect each batch's output,
 * stop non-gracefully (a graceful stop hangs under the manual clock) and delete the checkpoints.
 */
final class StreamCheckRun {

    record Outcome<U>(List<List<U>> outputs, List<Long> batchTimes, Optional<StreamCheckFailure> failure) {
    }

    private StreamCheckRun() {
    }

    static <T, U> Outcome<U> run(JavaSparkContext sc, Duration batch, Duration timeoutPerBatch, Path workDir,
                                 List<? extends List<T>> input,
                                 Function<JavaDStream<T>, ? extends JavaDStreamLike<U, ?, ?>> operation,
                                 int numBatches) {
        var active = StreamingContext.getActive();
        if (active.isDefined()) {
            throw new IllegalStateException("A StreamingContext is running in this JVM and Spark allows only one. Stop it "
                    + "first (session.stop(), or ssc.stop(false, false)), then run the stream check.");
        }
        Path checkpoints = createTempDir(workDir, "streamcheck-");
        List<List<U>> outputs = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        var sparkCheckpointDir = SparkbookStreamingAccess.rddCheckpointDir(sc.sc());
        JavaStreamingContext ssc = SparkbookStreamingAccess.newStreamingContext(
                sc.sc(), new org.apache.spark.streaming.Duration(batch.toMillis()), true);
        try {
            ssc.checkpoint(checkpoints.toString());
            LiveQueue<T> queue = LiveQueue.create(ssc);
            input.forEach(queue::push);
            OutputCollector<U> collector = new OutputCollector<>();
            ManualClockStepper clock;
            try {
                JavaDStreamLike<U, ?, ?> out = operation.apply(queue.stream());
                new JavaDStream<U>(out.dstream(), anyRef()).foreachRDD(collector);
                clock = ManualClockStepper.attach(ssc);
                ssc.start();
            } catch (Exception e) { // Spark's graph validation throws plain (checked) Exception
                return new Outcome<>(outputs, times, Optional.of(failure(-1, 0, e)));
            }
            for (int i = 0; i < numBatches; i++) {
                long time;
                try {
                    time = clock.step(1, timeoutPerBatch);
                } catch (BatchFailedException e) {
                    long at = e.batchTimeMs();
                    String summary = e.getCause() != null ? SparkAdvice.describe(e.getCause()) : e.getMessage();
                    return new Outcome<>(outputs, times, Optional.of(new StreamCheckFailure(i, at, summary, detail(e))));
                } catch (IllegalStateException e) {
                    return new Outcome<>(outputs, times, Optional.of(failure(i, clock.timeMs(), e)));
                }
                times.add(time);
                outputs.add(collector.rowsAt(time));
            }
            return new Outcome<>(outputs, times, Optional.empty());
        } finally {
            ssc.stop(false, false);
            SparkbookStreamingAccess.restoreRddCheckpointDir(sc.sc(), sparkCheckpointDir);
            StreamingSession.deleteRecursively(checkpoints);
        }
    }

    private static StreamCheckFailure failure(int index, long time, Throwable e) {
        return new StreamCheckFailure(index, time, SparkAdvice.describe(e), detail(e));
    }

    /** The full text of a failure, stack trace included (shared with QueryCheckRun). */
    static String detail(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    private static <U> ClassTag<U> anyRef() {
        return (ClassTag<U>) ClassTag$.MODULE$.AnyRef();
    }

    /** A fresh checkpoint folder under {@code workDir}, named {@code prefix...} (shared with QueryCheckRun). */
    static Path createTempDir(Path workDir, String prefix) {
        try {
            Files.createDirectories(workDir);
            return Files.createTempDirectory(workDir, prefix).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a checkpoint folder under " + workDir, e);
        }
    }

}
