package sparkbook.engine.input;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.runtime.MemoryStream;
import scala.jdk.javaapi.CollectionConverters;

import java.util.List;

/**
 * A Structured Streaming input that cells push rows into, before and after the query starts: the Structured
 * Streaming twin of {@link LiveQueue}. Each {@code push} becomes the data of the next micro-batch. It wraps Spark's
 * in-memory stream, which is Scala-internal; pushed rows are dropped once a micro-batch has committed them.
 *
 * <pre>{@code
 * LiveRows<String> lines = LiveRows.of(spark, Encoders.STRING());
 * Dataset<Row> counts = lines.stream().groupBy("value").count();
 * StreamingQuery q = counts.writeStream().outputMode("complete").format("console").start();
 * lines.push("to", "be", "or", "not", "to", "be");
 * q.processAllAvailable();   // the console shows to 2, be 2, or 1, not 1
 * }</pre>
 */
public final class LiveRows<T> {
    private final MemoryStream<T> source;

    private LiveRows(MemoryStream<T> source) {
        this.source = source;
    }

    /** Rows of type {@code T}, e.g. {@code Encoders.STRING()}, {@code Encoders.bean(Click.class)}. */
    public static <T> LiveRows<T> of(SparkSession spark, Encoder<T> encoder) {
        return new LiveRows<>(MemoryStream.apply(encoder, spark));
    }

    /** Lines of text, in a column named {@code value}, as the socket and text sources give them. */
    public static LiveRows<String> lines(SparkSession spark) {
        return of(spark, Encoders.STRING());
    }

    /** The streaming Dataset to build queries on; every query over it reads what is pushed. */
    public Dataset<T> stream() {
        return source.toDS();
    }

    /** The rows of the next micro-batch. */
    @SafeVarargs
    public final void push(T... rows) {
        push(List.of(rows));
    }

    public void push(List<T> rows) {
        source.addData(CollectionConverters.asScala(rows).toSeq());
    }
}
