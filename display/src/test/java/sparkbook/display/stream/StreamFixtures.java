package sparkbook.display.stream;

import sparkbook.engine.metrics.BatchSnapshot;
import sparkbook.engine.metrics.StreamStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Small, realistic histories for view tests. */
final class StreamFixtures {
    static final long T0 = 1_700_000_000_000L;

    private StreamFixtures() {}

    /** An ACTIVE context whose inputs 0 and 1 bring 1,000 + i and 200 records to batch i. */
    static StreamStatus history(int batches, long intervalMs, long processingMs) {
        List<BatchSnapshot> list = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            list.add(new BatchSnapshot(T0 + i * intervalMs, Map.of(0, 1_000L + i, 1, 200L), 1_200L + i,
                    OptionalLong.of(3), OptionalLong.of(processingMs), OptionalLong.of(processingMs + 3), 1, List.of()));
        }
        return new StreamStatus("ACTIVE", intervalMs, batches, list, List.of(), Map.of());
    }
}
