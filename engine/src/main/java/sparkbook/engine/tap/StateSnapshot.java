package sparkbook.engine.tap;

import java.util.List;
import java.util.Map;

/**
 * A stateful stream's state after one batch: how many keys it holds and the top ones.
 *
 * @param top the {@code topN} entries by the tap's value order, best first
 */
public record StateSnapshot<K, V>(long batchTimeMs, long size, List<Map.Entry<K, V>> top) {
    public StateSnapshot {
        top = List.copyOf(top);
    }
}
