package sparkbook.engine.api;

import org.apache.spark.streaming.StreamingContextState;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import sparkbook.engine.errors.SparkAdvice;

import java.util.Optional;

/**
 * Spark Streaming's lifecycle traps as the session and the kernel meet them. What each trap means is known to
 * {@link SparkAdvice}, below this package so that input explains its failures without reaching up to api.
 */
public final class StreamingTraps {

    static final String STOPPED_ADVICE = SparkAdvice.STOPPED_ADVICE;

    private StreamingTraps() {
    }

    /** Advice for the first known trap found in {@code error} or its causes; empty if none is known. */
    public static Optional<String> explain(Throwable error) {
        return SparkAdvice.explain(error);
    }

    /** An error's type and the first line of its message: what a cell should show instead of a stack. */
    public static String firstLine(Throwable error) {
        return SparkAdvice.firstLine(error);
    }

    /**
     * Spark's awaitTermination on a context that was never started just blocks forever; call this
     * first to fail with advice instead.
     */
    public static void requireStartedBeforeAwait(JavaStreamingContext ssc) {
        if (ssc.getState() == StreamingContextState.INITIALIZED) {
            throw new IllegalStateException("awaitTermination on a StreamingContext that was never started would wait "
                    + "forever. Call start() first (after defining the pipeline), or don't wait.");
        }
    }
}
