package sparkbook.display.stream;

import java.util.List;

/** State of a stateful stream after one batch: how many keys it holds and the largest ones. */
public record StateInfo(long batchTimeMs, long keysInState, List<KeyValue> topKeys) {
    public StateInfo {
        topKeys = List.copyOf(topKeys);
    }

    public record KeyValue(Object key, Object value) {}
}
