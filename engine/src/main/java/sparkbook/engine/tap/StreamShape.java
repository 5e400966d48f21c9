package sparkbook.engine.tap;

import org.apache.spark.streaming.SparkbookStreamingAccess;
import org.apache.spark.streaming.dstream.DStream;

import java.util.Objects;
import java.util.Optional;

/**
 * What a DStream is, for picking how to show it: a stream of state, a windowed stream (with its window), or plain
 * batches; and what to call it when nobody named it.
 *
 * <pre>{@code
 * StreamShape shape = StreamShape.of(counts.dstream(), 1000);   // counts = words.window(...).countByValue()
 * shape.kind();          // WINDOW
 * shape.window();        // Optional[WindowSpec[batchMs=1000, windowMs=3000, slideMs=1000]]
 * shape.description();   // "Shuffled stream"
 * }</pre>
 *
 * @param window      the nearest window among the stream and its ancestors, also for a stream of state
 * @param description its kind in words, e.g. "Shuffled stream" for a ShuffledDStream
 */
public record StreamShape(Kind kind, Optional<WindowSpec> window, String description) {

    public enum Kind {
        /** updateStateByKey, or mapWithState's stateSnapshots(). */
        STATE,
        /** The stream or an ancestor is windowed. */
        WINDOW,
        BATCHES
    }

    public StreamShape {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(window, "window");
    }

    /** The shape of {@code stream} in a context whose batches are {@code batchMs} long. */
    public static StreamShape of(DStream<?> stream, long batchMs) {
        Optional<WindowSpec> window = SparkbookStreamingAccess.nearestWindow(stream)
                .map(w -> new WindowSpec(batchMs, w.windowMs(), w.slideMs()));
        Kind kind = SparkbookStreamingAccess.isStateStream(stream) ? Kind.STATE
                : window.isPresent() ? Kind.WINDOW : Kind.BATCHES;
        return new StreamShape(kind, window, describe(stream));
    }

    private static String describe(DStream<?> d) {
        String kind = d.getClass().getSimpleName();
        return kind.endsWith("DStream") ? kind.substring(0, kind.length() - "DStream".length()) + " stream" : kind;
    }
}
