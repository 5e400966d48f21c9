package sparkbook.engine.tap;

import java.util.List;

/** A windowed stream's output at one slide, with the batches its window covered. */
public record WindowSample<T>(WindowSpec spec, List<Long> coveredBatchTimes, TapSample<T> sample) {
    public WindowSample {
        coveredBatchTimes = List.copyOf(coveredBatchTimes);
    }
}
