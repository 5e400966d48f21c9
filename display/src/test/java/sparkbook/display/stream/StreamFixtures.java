package sparkbook.display.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small, realistic histories for view tests. */
final class StreamFixtures {
    static final long T0 = 1_700_000_000_000L;

    private StreamFixtures() {}

    static StreamHistory history(int batches, long intervalMs, long processingMs) {
        List<BatchStats> list = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            Map<String, Long> perInput = new LinkedHashMap<>();
            perInput.put("socket", 1_000L + i);
            perInput.put("queue", 200L);
            list.add(new BatchStats(T0 + i * intervalMs, perInput, 1_200L + i, 3, processingMs, processingMs + 3, 1, 0));
        }
        return new StreamHistory(intervalMs, batches, list);
    }
}
