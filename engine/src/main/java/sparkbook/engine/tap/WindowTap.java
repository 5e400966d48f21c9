package sparkbook.engine.tap;

import org.apache.spark.streaming.api.java.JavaDStream;

import java.util.function.Consumer;

/**
 * A {@link BatchTap} on a windowed stream that also says which batches each output covered.
 *
 * <pre>{@code
 * WindowSpec spec = WindowSpec.of(batch, Duration.ofSeconds(3), Duration.ofSeconds(1));
 * JavaDStream<String> windowed = lines.window(Durations.seconds(3), Durations.seconds(1));
 * WindowTap.attach(windowed, spec, 10, w -> display.draw(w));
 * }</pre>
 */
public final class WindowTap {
    private WindowTap() {
    }

    public static <T> void attach(JavaDStream<T> windowed, WindowSpec spec, int maxRows, Consumer<WindowSample<T>> consumer) {
        BatchTap.attach(windowed, maxRows,
                sample -> consumer.accept(new WindowSample<>(spec, spec.coveredBatchTimes(sample.batchTimeMs()), sample)));
    }
}
